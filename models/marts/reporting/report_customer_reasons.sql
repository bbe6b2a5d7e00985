{#- Each explained customer's strongest reasons (customer_top_reasons) with the names people read. -#}
with reasons as (
    select * from {{ ref('customer_top_reasons') }}
)

select
    reasons.customer_id,
    reasons.reason_rank,
    reasons.feature,
    reasons.feature_label as feature_name,
    reasons.contribution,
    reasons.feature_value,
    reasons.effect,
    {{ display_name('contribution_effect', 'reasons.effect') }} as effect_name,
    reasons.reason_code,
    reasons.reason_text
from reasons
