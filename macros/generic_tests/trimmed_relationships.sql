{#- dbt's relationships test, comparing trimmed text keys as staging will see them. -#}
{% test trimmed_relationships(model, column_name, to, field) %}
select distinct trim(child_rows.{{ column_name }}) as orphan_key
from {{ model }} as child_rows
left join {{ to }} as parent_rows
    on trim(child_rows.{{ column_name }}) = trim(parent_rows.{{ field }})
where
    child_rows.{{ column_name }} is not null
    and parent_rows.{{ field }} is null
{% endtest %}
