{#- The model-selection table: every family with its CV scores, the published one first, then by CV ROC-AUC. -#}
select
    candidates.family,
    {{ display_name('model_family', 'candidates.family') }} as family_name,
    candidates.is_selected,
    candidates.is_selectable,
    candidates.cv_roc_auc_mean,
    candidates.cv_roc_auc_std,
    candidates.brier_score,
    candidates.fit_seconds,
    candidates.best_params,
    row_number() over (
        order by candidates.is_selected desc, candidates.cv_roc_auc_mean desc nulls last, candidates.family asc
    ) as candidate_order
from {{ ref('model_candidates') }} as candidates
