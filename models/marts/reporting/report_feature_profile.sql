{#- feature_profile with names and orders: numeric features first (in the catalogue's order, then profit: they
    have histograms), then the categorical ones. -#}
{%- set roles = customer_feature_roles() -%}
{%- set feature_order = roles['numeric'] + [roles['profit']] + roles['categorical'] -%}
with profile as (
    select * from {{ ref('feature_profile') }}
),

histogram_features as (
    select distinct feature from {{ ref('feature_histogram') }}
)

select
    profile.feature,
    {{ display_name('feature', 'profile.feature') }} as feature_name,
    {{ list_position('profile.feature', feature_order) }} as feature_order,
    profile.feature_kind,
    {{ display_name('feature_kind', 'profile.feature_kind') }} as feature_kind_name,
    profile.feature in (select histogram_features.feature from histogram_features) as has_histogram,
    profile.outcome,
    {{ display_name('outcome', 'profile.outcome') }} as outcome_name,
    {{ outcome_order('profile.outcome') }} as outcome_order,
    profile.category,
    -- Yes/no features are profiled as the categories 'true' and 'false'; people read да / нет.
    coalesce({{ display_name('boolean', 'profile.category') }}, profile.category) as category_name,
    profile.n_values,
    profile.n_missing,
    profile.share,
    profile.mean,
    profile.std,
    profile.min_value,
    profile.p05,
    profile.p25,
    profile.median,
    profile.p75,
    profile.p95,
    profile.max_value
from profile
