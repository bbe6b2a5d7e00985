{#- The customers to contact this period: the offers that go out (int_customers_assigned: not control, within
    the channel's capacity), highest expected loss first, with what the caller or the campaign tool needs. -#}
with sent as (
    select
        customer_id,
        channel,
        expected_loss
    from {{ ref('int_customers_assigned') }}
    where is_sent
),

offers as (
    select * from {{ ref('customer_offers') }}
)

select
    {{ export_date_literal() }} as export_date,
    row_number() over (order by sent.expected_loss desc, sent.customer_id asc) as contact_rank,
    row_number() over (
        partition by sent.channel order by sent.expected_loss desc, sent.customer_id asc
    ) as channel_rank,
    sent.customer_id,
    offers.expected_loss_rank,
    offers.segment,
    offers.segment_name,
    offers.decline_probability,
    offers.monthly_profit,
    offers.expected_loss,
    offers.offer_code,
    offers.offer_text,
    offers.channel,
    {{ display_name('channel', 'offers.channel') }} as channel_name,
    offers.reason_code,
    offers.reason_text,
    offers.favourite_category,
    offers.allows_messages
from sent
inner join offers on sent.customer_id = offers.customer_id
