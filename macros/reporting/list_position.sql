{#- The 1-based position of an expression's value in a list of codes known when the model compiles, for
    ordering rows as a Python declaration lists them; values not in the list come last. -#}
{% macro list_position(expression, codes) -%}
    case {{ expression }}
        {%- for code in codes %}
            when '{{ code }}' then {{ loop.index }}
        {%- endfor %}
        else {{ codes | length + 1 }}
    end
{%- endmacro %}
