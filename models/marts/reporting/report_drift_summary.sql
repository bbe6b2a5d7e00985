{#- The drift check in one row: how many customers are compared and how many features shifted how much. -#}
with drift as (
    select * from {{ ref('feature_drift') }}
)

select
    coalesce(max(n_reference), 0) as reference_customers,
    coalesce(max(n_current), 0) as current_customers,
    count(case when psi_flag = 'stable' then 1 end) as stable_features,
    count(case when psi_flag = 'moderate' then 1 end) as moderate_features,
    count(case when psi_flag = 'significant' then 1 end) as significant_features
from drift
