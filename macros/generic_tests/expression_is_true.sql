{#- dbt_utils.expression_is_true, written here because dbt packages cannot be installed. -#}
{% test expression_is_true(model, expression) %}
select *
from {{ model }}
where not coalesce({{ expression }}, false)
{% endtest %}
