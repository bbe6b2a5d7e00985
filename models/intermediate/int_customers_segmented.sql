{#- The customer spine: each active customer's features, prediction, segment, whether the segment is worth acting
    on, and their main reason, assembled once for every mart that needs the customer with their segment. -#}
with raising_reasons as (
    -- A reason that lowers the risk is no reason to act: only those pushing the risk up compete.
    select
        customer_id,
        feature,
        reason_code,
        reason_text,
        row_number() over (partition by customer_id order by reason_rank) as raising_rank
    from {{ ref('customer_top_reasons') }}
    where contribution > 0
)

select
    -- Every column of the feature catalogue, whatever it holds: a new feature reaches the marts without an edit here.
    features.*,  -- noqa: AM04
    predictions.prediction_kind,
    segments.decline_probability,
    segments.expected_loss,
    segments.expected_loss_rank,
    segments.risk_band,
    segments.value_band,
    segments.segment,
    segments.is_target_segment,
    grid.is_actionable,
    raising_reasons.feature as main_reason_feature,
    raising_reasons.reason_code as main_reason_code,
    raising_reasons.reason_text as main_reason_text
from {{ ref('customer_features') }} as features
inner join {{ ref('customer_predictions') }} as predictions on features.customer_id = predictions.customer_id
inner join {{ ref('customer_segments') }} as segments on features.customer_id = segments.customer_id
inner join {{ ref('segment_grid') }} as grid on segments.segment = grid.segment
left join raising_reasons
    on
        features.customer_id = raising_reasons.customer_id
        and raising_reasons.raising_rank = 1
