{#- Every key of `parent` must have one row per expected value of `column_name` in this model: a customer
    whose revenue for a month is missing from market_money.csv fails here, naming customer and period.
    `normalized_value` compares a cleaned spelling instead of the raw text (market_time.csv's typo). -#}
{% test has_row_for_every_key_and_value(model, column_name, key, parent, parent_key, values, normalized_value=none) %}
with expected as (
    select
        trim(parent_rows.{{ parent_key }}) as missing_key,
        expected_values.expected_value
    from {{ parent }} as parent_rows
    cross join (
        values {% for value in values %}('{{ value }}'){{ ", " if not loop.last }}{% endfor %}
    ) as expected_values (expected_value)
)

select
    expected.missing_key,
    expected.expected_value as missing_value
from expected
left join {{ model }} as child_rows
    on
        expected.missing_key = trim(child_rows.{{ key }})
        and expected.expected_value = {{ normalized_value or "trim(child_rows." ~ column_name ~ ")" }}
where child_rows.{{ key }} is null
{% endtest %}
