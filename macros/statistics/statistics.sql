{#- Small statistics in portable SQL (exp, sqrt, abs, case: the same on DuckDB and Spark), for the offer
    uplift and the realised model quality. -#}

{#- A quantile of the standard normal: the two the uplift needs, declared here once (SQL engines share no
    inverse normal function). -#}
{% macro normal_quantile(probability) -%}
    {%- set quantiles = {0.975: 1.959963984540054, 0.8: 0.8416212335729143} -%}
    {%- if probability not in quantiles -%}
        {{ exceptions.raise_compiler_error("normal_quantile: no quantile declared for " ~ probability) }}
    {%- endif -%}
    {{ quantiles[probability] }}
{%- endmacro %}


{#- The standard normal distribution function at x (a column or a parenthesised expression), by Abramowitz
    and Stegun 26.2.17: absolute error below 7.5e-8. -#}
{% macro normal_cdf(x) -%}
    {%- set t = "(1.0 / (1.0 + 0.2316419 * abs(" ~ x ~ ")))" -%}
    (case when {{ x }} is null then null else
        (case when {{ x }} >= 0 then 1.0 else 0.0 end)
        + (case when {{ x }} >= 0 then -1.0 else 1.0 end)
        * exp(-0.5 * {{ x }} * {{ x }}) / 2.5066282746310002
        * {{ t }} * (0.319381530 + {{ t }} * (-0.356563782 + {{ t }} * (1.781477937
            + {{ t }} * (-1.821255978 + {{ t }} * 1.330274429))))
    end)
{%- endmacro %}


{#- A bound of the Wilson score interval of a proportion: `successes` of `trials`, `z` the normal quantile,
    `sign` -1 for the lower bound and +1 for the upper. -#}
{% macro wilson_bound(successes, trials, z, sign) -%}
    (case when {{ trials }} > 0 then
        ({{ successes }} * 1.0 / {{ trials }} + {{ z }} * {{ z }} / (2.0 * {{ trials }})
            {{ '-' if sign < 0 else '+' }} {{ z }} * sqrt(
                {{ successes }} * 1.0 / {{ trials }} * (1 - {{ successes }} * 1.0 / {{ trials }}) / {{ trials }}
                + {{ z }} * {{ z }} / (4.0 * {{ trials }} * {{ trials }})))
        / (1 + {{ z }} * {{ z }} / {{ trials }})
    end)
{%- endmacro %}
