{#- One offer per customer in a segment worth acting on: the rule from offer_rules matching the customer's
    segment and main reason, never a message-based offer to a customer who did not consent. -#}
with customers as (
    select
        customer_id,
        segment,
        {{ display_name('segment', 'segment') }} as segment_name,
        decline_probability,
        monthly_profit,
        expected_loss,
        expected_loss_rank,
        allows_messages,
        favourite_category,
        main_reason_feature as reason_feature,
        coalesce(main_reason_code, 'none') as reason_code,
        coalesce(main_reason_text, {{ display_name('reason_code', "'none'") }}) as reason_text
    from {{ ref('int_customers_segmented') }}
    where is_actionable
),

offer_rules as (
    select * from {{ ref('offer_rules') }}
),

matching_rules as (
    select
        customers.*,
        offer_rules.offer_code,
        offer_rules.offer_text,
        offer_rules.channel,
        offer_rules.requires_consent,
        row_number() over (
            partition by customers.customer_id
            order by
                offer_rules.priority,
                offer_rules.segment = '*',
                offer_rules.reason_code = '*',
                offer_rules.offer_code
        ) as rule_rank
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
where rule_rank = 1
