{#- Global importance of every feature with its direction, both named. -#}
with importance as (
    select * from {{ ref('feature_importance') }}
)

select
    importance.feature,
    {{ display_name('feature', 'importance.feature') }} as feature_name,
    importance.rank as importance_rank,
    importance.mean_abs_contribution,
    importance.mean_contribution,
    importance.direction,
    {{ display_name('direction', 'importance.direction') }} as direction_name
from importance
