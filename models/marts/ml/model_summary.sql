{#- The published model in one row, its metrics unpacked from the registry's JSON for BI. -#}
with latest as (
    select * from {{ ref('model_registry') }}
    order by trained_at desc
    limit 1
)

select
    model_id,
    trained_at,
    family,
    training_fingerprint,
    params_json,
    cast({{ json_text('metrics_json', 'cv_roc_auc_mean') }} as double) as cv_roc_auc_mean,
    cast({{ json_text('metrics_json', 'cv_roc_auc_std') }} as double) as cv_roc_auc_std,
    cast({{ json_text('metrics_json', 'oof_roc_auc') }} as double) as out_of_fold_roc_auc,
    cast({{ json_text('honest_estimate_json', 'roc_auc') }} as double) as holdout_roc_auc,
    cast({{ json_text('honest_estimate_json', 'n') }} as integer) as holdout_customers,
    cast({{ json_text('metrics_json', 'brier_calibrated') }} as double) as brier_score,
    cast({{ json_text('metrics_json', 'brier_uncalibrated') }} as double) as brier_score_before_calibration,
    cast({{ json_text('metrics_json', 'n_labelled') }} as integer) as training_rows,
    cast({{ json_text('metrics_json', 'n_selection') }} as integer) as selection_rows,
    coalesce(cast({{ json_text('metrics_json', 'n_labels_withheld') }} as integer), 0) as labels_withheld,
    cast({{ json_text('metrics_json', 'seconds') }} as double) as training_seconds
from latest
