{#- The overview page in one row: whom to contact (the customers with an offer) and the profit at stake
    with them, the customers at risk, the target segment's part of the loss, this build's band cut-offs, and
    the published model with its quality and whether it clears the publishing bar. -#}
with segments as (
    select * from {{ ref('customer_segments') }}
),

target_segment as (
    select segment from {{ ref('segment_grid') }}
    where is_target_segment
),

published_model as (
    select * from {{ ref('model_summary') }}
),

offer_totals as (
    select
        count(*) as offer_customers,
        coalesce(sum(segments.expected_loss), 0) as offer_expected_loss,
        count(case when segments.is_target_segment then 1 end) as offer_target_customers
    from {{ ref('customer_offers') }} as offers
    inner join segments on offers.customer_id = segments.customer_id
),

totals as (
    select
        count(*) as customers,
        count(case when risk_band = 'high' then 1 end) as high_risk_customers,
        count(case when risk_band = 'medium' then 1 end) as medium_risk_customers,
        coalesce(sum(monthly_profit), 0) as monthly_profit,
        coalesce(sum(expected_loss), 0) as expected_loss,
        count(case when is_target_segment then 1 end) as target_customers,
        coalesce(sum(case when is_target_segment then expected_loss end), 0) as target_expected_loss,
        -- Every row carries the same cut-offs of this build.
        max(medium_risk_from) as medium_risk_from,
        max(high_risk_from) as high_risk_from,
        max(medium_value_from_profit) as medium_value_from_profit,
        max(high_value_from_profit) as high_value_from_profit
    from segments
)

select
    totals.customers,
    totals.high_risk_customers,
    cast(totals.high_risk_customers as {{ type_double() }}) / nullif(totals.customers, 0) as high_risk_share,
    totals.medium_risk_customers,
    totals.monthly_profit,
    totals.expected_loss,
    totals.expected_loss / nullif(totals.monthly_profit, 0) as loss_share_of_profit,
    target_segment.segment as target_segment,
    {{ display_name('segment', 'target_segment.segment') }} as target_segment_name,
    totals.target_customers,
    totals.target_expected_loss,
    totals.target_expected_loss / nullif(totals.expected_loss, 0) as target_loss_share,
    offer_totals.offer_customers,
    offer_totals.offer_expected_loss,
    offer_totals.offer_target_customers,
    {{ var('forecast_horizon_months') }} as forecast_horizon_months,
    totals.medium_risk_from,
    totals.high_risk_from,
    totals.medium_value_from_profit,
    totals.high_value_from_profit,
    published_model.model_id,
    published_model.family as model_family,
    {{ display_name('model_family', 'published_model.family') }} as model_family_name,
    published_model.trained_at,
    published_model.holdout_roc_auc,
    published_model.holdout_customers,
    published_model.out_of_fold_roc_auc,
    published_model.cv_roc_auc_mean,
    published_model.cv_roc_auc_std,
    published_model.brier_score,
    published_model.training_rows,
    cast({{ var('min_roc_auc') }} as {{ type_double() }}) as min_roc_auc,
    coalesce(published_model.holdout_roc_auc, published_model.out_of_fold_roc_auc)
    >= {{ var('min_roc_auc') }} as is_model_trusted
from totals
cross join offer_totals
cross join target_segment
cross join published_model
