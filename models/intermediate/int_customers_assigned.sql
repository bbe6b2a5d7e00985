{#- Every scored customer of this period with the offer the rules chose and what happens to it: the arm of the
    randomised control group and whether the offer fits its channel's capacity and goes out. -#}
{{ config(materialized='table') }}

with offered as (
    select
        spine.customer_id,
        predictions.model_id,
        spine.prediction_kind,
        spine.is_activity_declined,
        spine.decline_probability,
        spine.risk_band,
        spine.value_band,
        spine.segment,
        spine.monthly_profit,
        spine.expected_loss,
        spine.allows_messages,
        offers.offer_code,
        offers.channel,
        offers.reason_code,
        experiments.control_share,
        experiments.cost_rub as offer_cost_rub,
        capacity.capacity_per_period as channel_capacity,
        {{ assignment_bucket('spine.customer_id') }} as assignment_bucket
    from {{ ref('int_customers_segmented') }} as spine
    inner join {{ ref('customer_predictions') }} as predictions
        on spine.customer_id = predictions.customer_id
    left join {{ ref('customer_offers') }} as offers
        on spine.customer_id = offers.customer_id
    left join {{ ref('offer_experiments') }} as experiments
        on offers.offer_code = experiments.offer_code
    left join {{ ref('channel_capacity') }} as capacity
        on offers.channel = capacity.channel
),

assigned as (
    select
        *,
        -- Only a customer who can be contacted is randomised: holding out someone no message may reach would
        -- withhold nothing. Their on-site offer is still shown.
        case
            when offer_code is null or not allows_messages then 'not_eligible'
            when assignment_bucket < control_share * {{ assignment_bucket_count() }} then 'control'
            else 'treatment'
        end as arm
    from offered
),

ranked as (
    select
        *,
        -- Offers going out through the channel ahead of this customer, highest expected loss first. A control
        -- customer takes no place but is ranked like one, so that "would have fitted" is defined for both arms.
        coalesce(sum(case when offer_code is not null and arm != 'control' then 1 else 0 end) over (
            partition by channel
            order by expected_loss desc, customer_id asc
            rows between unbounded preceding and 1 preceding
        ), 0) as sends_ahead
    from assigned
)

select
    customer_id,
    model_id,
    prediction_kind,
    is_activity_declined,
    decline_probability,
    risk_band,
    value_band,
    segment,
    monthly_profit,
    expected_loss,
    allows_messages,
    offer_code,
    channel,
    reason_code,
    control_share,
    offer_cost_rub,
    assignment_bucket,
    arm,
    offer_code is not null and (channel_capacity is null or sends_ahead < channel_capacity) as fits_capacity,
    offer_code is not null
    and arm != 'control'
    and (channel_capacity is null or sends_ahead < channel_capacity) as is_sent
from ranked
