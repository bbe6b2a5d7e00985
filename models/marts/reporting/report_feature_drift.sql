{#- Each feature's shift since the published model's training data, the largest first. -#}
select
    drift.feature,
    {{ display_name('feature', 'drift.feature') }} as feature_name,
    drift.psi,
    drift.psi_flag,
    {{ display_name('psi_flag', 'drift.psi_flag') }} as psi_flag_name,
    drift.psi_moderate_from,
    drift.psi_significant_from,
    drift.ks_statistic,
    drift.reference_missing_share,
    drift.current_missing_share,
    drift.current_unseen_share,
    row_number() over (order by drift.psi desc nulls last, drift.feature asc) as drift_rank
from {{ ref('feature_drift') }} as drift
