{#- One offer per customer in a segment worth acting on: the rule from offer_rules matching the customer's
    segment and main reason, never a message-based offer to a customer who did not consent. -#}
with segments as (
    select * from {{ ref('customer_segments') }}
    where segment in (
        {%- for segment in var('actionable_segments') %}'{{ segment }}'{{ ", " if not loop.last }}{% endfor -%}  -- noqa: LT05
    )
),

features as (
    select
        customer_id,
        allows_messages,
        favourite_category
    from {{ ref('customer_features') }}
),

main_reasons as (
    -- The strongest reason that pushes this customer's risk up.
    select
        customer_id,
        feature as reason_feature,
        reason_code,
        reason_text
    from {{ ref('customer_top_reasons') }}
    where contribution > 0
    qualify row_number() over (partition by customer_id order by reason_rank) = 1
),

offer_rules as (
    select * from {{ ref('offer_rules') }}
),

customers as (
    select
        segments.customer_id,
        segments.segment,
        {{ display_name('segment', 'segments.segment') }} as segment_name,
        segments.decline_probability,
        segments.monthly_profit,
        segments.expected_loss,
        segments.expected_loss_rank,
        features.allows_messages,
        features.favourite_category,
        main_reasons.reason_feature,
        coalesce(main_reasons.reason_code, 'none') as reason_code,
        coalesce(main_reasons.reason_text, 'Причина не выделена') as reason_text
    from segments
    inner join features on segments.customer_id = features.customer_id
    left join main_reasons on segments.customer_id = main_reasons.customer_id
),

matching_rules as (
    select
        customers.*,
        offer_rules.offer_code,
        offer_rules.offer_text,
        offer_rules.channel,
        offer_rules.requires_consent,
        offer_rules.priority,
        offer_rules.segment as rule_segment,
        offer_rules.reason_code as rule_reason_code
    from customers
    inner join offer_rules
        on
            offer_rules.segment in (customers.segment, '*')
            and offer_rules.reason_code in (customers.reason_code, '*')
    where not offer_rules.requires_consent or customers.allows_messages
)

select
    customer_id,
    segment,
    segment_name,
    decline_probability,
    monthly_profit,
    expected_loss,
    expected_loss_rank,
    favourite_category,
    allows_messages,
    reason_feature,
    reason_code,
    reason_text,
    offer_code,
    offer_text,
    channel,
    requires_consent
from matching_rules
qualify row_number() over (
    partition by customer_id
    order by priority, rule_segment = '*', rule_reason_code = '*', offer_code
) = 1
