{#- The name of a segment code, or of the `all` row pooled over segments: the reporting marts that add an
    `all` row (report_offer_uplift, report_model_realised, report_risk_by_period) name both kinds alike. -#}
{% macro segment_or_all_name(segment_expression) -%}
    case
        when {{ segment_expression }} = 'all' then {{ display_name('segment_scope', segment_expression) }}
        else {{ display_name('segment', segment_expression) }}
    end
{%- endmacro %}
