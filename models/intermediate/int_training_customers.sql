{#- The customers the model trains on: customer_features with the label withheld from every customer an offer
    was sent to within the outcome horizon before this export. Such a label says what happened after an offer,
    not what the customer would have done; a model trained on it would learn the offers' effect as the risk.
    Control customers and customers never sent an offer keep their labels; every customer is still scored. -#}
{%- set stored_history = source('history', 'prediction_history') -%}
{%- set history_exists = execute and history_relation('prediction_history') is not none -%}
{%- set feature_columns = adapter.get_columns_in_relation(ref('customer_features')) if execute else [] -%}

with recently_sent as (
    {% if history_exists -%}
        select distinct customer_id
        from {{ stored_history }}
        where
            is_sent
            and export_date < {{ export_date_literal() }}
            and export_date >= {{ months_before_export_date(var('outcome_horizon_months')) }}
    {%- else -%}
        -- Before the first build there is no history: nothing has been sent.
        select cast(null as bigint) as customer_id
        where false
    {%- endif %}
),

features as (
    select * from {{ ref('customer_features') }}
)

select
    {% for column in feature_columns if column.name != 'is_activity_declined' -%}
        features.{{ adapter.quote(column.name) }},
    {% endfor -%}
    case when recently_sent.customer_id is null then features.is_activity_declined end as is_activity_declined,
    features.is_activity_declined is not null and recently_sent.customer_id is not null as is_label_withheld
from features
left join recently_sent on features.customer_id = recently_sent.customer_id
