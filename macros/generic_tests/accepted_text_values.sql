{#- accepted_values on trimmed text: the exports pad nothing today, but staging trims, so the test judges
    the value staging will see. Empty cells pass unless not_null is also set. -#}
{% test accepted_text_values(model, column_name, values) %}
select
    {{ column_name }} as unexpected_value,
    count(*) as rows_with_value
from {{ model }}
where
    {{ column_name }} is not null
    and trim({{ column_name }}) not in (
        {%- for value in values %}'{{ value }}'{{ ", " if not loop.last }}{% endfor -%}
    )
group by 1
{% endtest %}
