{#- Did the risk come true, as the results page shows it: realised against promised quality per scoring
    period, population and segment, with their names. -#}
with quality as (
    select * from {{ ref('model_realised_quality') }}
)

select
    quality.export_date,
    quality.population,
    {{ display_name('population', 'quality.population') }} as population_name,
    quality.segment,
    {{ segment_or_all_name('quality.segment') }} as segment_name,
    quality.model_id,
    cast(quality.customers_with_outcome as bigint) as customers_with_outcome,
    cast(quality.declined_customers as bigint) as declined_customers,
    quality.mean_predicted_probability,
    quality.observed_decline_rate,
    quality.realised_roc_auc,
    quality.promised_roc_auc,
    quality.realised_roc_auc - quality.promised_roc_auc as roc_auc_change,
    quality.brier_score,
    quality.promised_brier_score
from quality
