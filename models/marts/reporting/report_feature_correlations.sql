{#- The phik matrix, symmetric: each pair of feature_correlations in both orders plus 1 on the diagonal, so a
    heatmap needs no reshaping. Ordered the label first, then the features in the catalogue's order
    (categories, then numbers), so related columns sit together. -#}
{%- set roles = customer_feature_roles() -%}
{%- set feature_order = [roles['label']] + roles['categorical'] + roles['numeric'] -%}
with pairs as (
    select
        feature_a,
        feature_b,
        phik,
        case
            when is_leakage_suspect then 'leakage_suspect'
            when is_above_threshold then 'near_duplicate'
            else 'none'
        end as flag
    from {{ ref('feature_correlations') }}
),

features as (
    select feature_a as feature from pairs
    union
    select feature_b as feature from pairs
),

matrix as (
    select * from pairs
    union all
    select
        feature_b as feature_a,
        feature_a as feature_b,
        phik,
        flag
    from pairs
    union all
    select
        feature as feature_a,
        feature as feature_b,
        1.0 as phik,
        'none' as flag
    from features
)

select
    matrix.feature_a,
    matrix.feature_b,
    {{ display_name('feature', 'matrix.feature_a') }} as feature_a_name,
    {{ display_name('feature', 'matrix.feature_b') }} as feature_b_name,
    {{ list_position('matrix.feature_a', feature_order) }} as feature_a_order,
    {{ list_position('matrix.feature_b', feature_order) }} as feature_b_order,
    matrix.phik,
    matrix.flag,
    {{ display_name('correlation_flag', 'matrix.flag') }} as flag_name,
    matrix.flag != 'none' as is_flagged
from matrix
