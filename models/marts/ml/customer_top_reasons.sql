{#- Each explained customer's three strongest reasons: the features with the largest absolute contribution to
    the model's log-odds (positive raises the risk). A zero contribution is no reason. A feature the marketing
    team has not given a reason yet (seed reason_codes; a warning test says which) is its own reason: its code
    is the feature and its text the feature's name, so the offers' `*` rules still reach its customers. -#}
with contributions as (
    select * from {{ ref('customer_feature_contributions') }}
    where contribution != 0
),

reason_codes as (
    select * from {{ ref('reason_codes') }}
),

ranked as (
    select
        customer_id,
        feature,
        value as feature_value,
        contribution,
        row_number() over (partition by customer_id order by abs(contribution) desc, feature) as reason_rank
    from contributions
)

select
    ranked.customer_id,
    ranked.reason_rank,
    ranked.feature,
    {{ display_name('feature', 'ranked.feature') }} as feature_label,
    ranked.feature_value,
    ranked.contribution,
    case when ranked.contribution > 0 then 'raises_risk' else 'lowers_risk' end as effect,
    coalesce(reason_codes.reason_code, ranked.feature) as reason_code,
    coalesce(reason_codes.reason_text, {{ display_name('feature', 'ranked.feature') }}) as reason_text
from ranked
left join reason_codes on ranked.feature = reason_codes.feature
where ranked.reason_rank <= 3
