{#- One row per customer for the customer list and card: risk, profit at stake, what the probability is
    (prediction_note), and the offer when the customer's segment gets one. -#}
with segments as (
    select * from {{ ref('customer_segments') }}
),

predictions as (
    select * from {{ ref('customer_predictions') }}
),

features as (
    select * from {{ ref('customer_features') }}
),

offers as (
    select * from {{ ref('customer_offers') }}
)

select
    segments.customer_id,
    segments.expected_loss_rank,
    count(*) over () as customers_total,
    segments.segment,
    {{ display_name('segment', 'segments.segment') }} as segment_name,
    segments.decline_probability,
    segments.monthly_profit,
    segments.expected_loss,
    predictions.prediction_kind,
    {{ display_name('prediction_kind', 'predictions.prediction_kind') }} as prediction_kind_name,
    predictions.is_activity_declined,
    case
        when predictions.is_activity_declined is null
            then 'Исход пока неизвестен: вероятность — прогноз модели.'
        when predictions.prediction_kind = 'out_of_fold' and predictions.is_activity_declined
            then 'Исход уже известен: активность снизилась. Вероятность — от модели, обученной без него.'
        when predictions.prediction_kind = 'out_of_fold'
            then 'Исход уже известен: активность сохранилась. Вероятность — от модели, обученной без него.'
        when predictions.is_activity_declined
            then 'Исход уже известен: активность снизилась.'
        else 'Исход уже известен: активность сохранилась.'
    end as prediction_note,
    offers.offer_code,
    offers.offer_text,
    offers.channel,
    {{ display_name('channel', 'offers.channel') }} as channel_name,
    offers.reason_text,
    features.favourite_category,
    features.allows_messages,
    offers.requires_consent,
    coalesce(offers.requires_consent and not features.allows_messages, false) as lacks_required_consent
from segments
inner join predictions on segments.customer_id = predictions.customer_id
inner join features on segments.customer_id = features.customer_id
left join offers on segments.customer_id = offers.customer_id
