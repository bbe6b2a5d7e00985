-- Every customer of customer_features has a prediction and exactly one segment.
select features.customer_id
from {{ ref('customer_features') }} as features
left join {{ ref('customer_predictions') }} as predictions on features.customer_id = predictions.customer_id
left join {{ ref('customer_segments') }} as segments on features.customer_id = segments.customer_id
where predictions.customer_id is null or segments.customer_id is null
