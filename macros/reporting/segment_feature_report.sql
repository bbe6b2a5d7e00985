{#- The final select of a per-segment, per-feature report: the rows' segment with its name and order
    (report_segments), the feature with its name and importance rank, then the rows' own columns. -#}
{% macro segment_feature_report(rows, columns) -%}
    select
        {{ rows }}.segment,
        segments.segment_name,
        segments.segment_order,
        {{ rows }}.feature,
        {{ display_name('feature', rows ~ '.feature') }} as feature_name,
        importance.rank as importance_rank
        {%- for column in columns %},
        {{ rows }}.{{ column }}
        {%- endfor %}
    from {{ rows }}
    inner join {{ ref('report_segments') }} as segments on {{ rows }}.segment = segments.segment
    left join {{ ref('feature_importance') }} as importance on {{ rows }}.feature = importance.feature
{%- endmacro %}
