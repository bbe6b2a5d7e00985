{#- One row per customer for the customer list and card: risk, profit at stake, what the probability is
    (prediction_note, a sentence of the seed display_names), and the offer when the customer's segment gets one. -#}
with customers as (
    select
        *,
        case
            when is_activity_declined is null then 'outcome_unknown'
            when prediction_kind = 'out_of_fold' and is_activity_declined then 'declined_out_of_fold'
            when prediction_kind = 'out_of_fold' then 'kept_out_of_fold'
            when is_activity_declined then 'declined'
            else 'kept'
        end as prediction_note_code
    from {{ ref('int_customers_segmented') }}
),

offers as (
    select * from {{ ref('customer_offers') }}
)

select
    customers.customer_id,
    customers.expected_loss_rank,
    count(*) over () as customers_total,
    customers.segment,
    {{ display_name('segment', 'customers.segment') }} as segment_name,
    customers.decline_probability,
    customers.monthly_profit,
    customers.expected_loss,
    customers.prediction_kind,
    {{ display_name('prediction_kind', 'customers.prediction_kind') }} as prediction_kind_name,
    customers.is_activity_declined,
    {{ display_name('prediction_note', 'customers.prediction_note_code') }} as prediction_note,
    offers.offer_code,
    offers.offer_text,
    offers.channel,
    {{ display_name('channel', 'offers.channel') }} as channel_name,
    offers.reason_text,
    customers.favourite_category,
    customers.allows_messages,
    offers.requires_consent,
    coalesce(offers.requires_consent and not customers.allows_messages, false) as lacks_required_consent
from customers
left join offers on customers.customer_id = offers.customer_id
