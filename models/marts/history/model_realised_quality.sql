{#- Did the risk come true? Per scoring period, overall and by segment: the realised ROC-AUC and Brier score of
    the published probabilities against the outcomes, beside what the model promised when it was published.
    `unchangeable` holds the customers whose outcome no offer could change (no offer went out: control, and
    those offered nothing or beyond capacity); `treated` the customers an offer reached, shown apart. -#}
with settled as (
    select
        export_date,
        model_id,
        segment,
        case when is_sent then 'treated' else 'unchangeable' end as population,
        decline_probability,
        case when is_activity_declined then 1 else 0 end as declined
    from {{ ref('prediction_outcomes') }}
    where is_activity_declined is not null
),

cells as (
    select * from settled
    union all
    select
        export_date,
        model_id,
        'all' as segment,
        population,
        decline_probability,
        declined
    from settled
),

ranked as (
    -- Mid-ranks of the probability within the cell: the ROC-AUC is the Mann-Whitney statistic over them.
    select
        *,
        rank() over (partition by export_date, population, segment order by decline_probability)
        + (count(*) over (partition by export_date, population, segment, decline_probability) - 1) / 2.0
            as probability_rank
    from cells
),

measured as (
    select
        export_date,
        population,
        segment,
        max(model_id) as model_id,
        count(*) as customers_with_outcome,
        sum(declined) as declined_customers,
        avg(decline_probability) as mean_predicted_probability,
        avg(cast(declined as {{ type_double() }})) as observed_decline_rate,
        avg((decline_probability - declined) * (decline_probability - declined)) as brier_score,
        sum(case when declined = 1 then probability_rank else 0 end) as declined_rank_sum
    from ranked
    group by export_date, population, segment
),

promised as (
    select
        model_id,
        cast({{ json_text('honest_estimate_json', 'roc_auc') }} as {{ type_double() }}) as promised_roc_auc,
        cast({{ json_text('metrics_json', 'brier_calibrated') }} as {{ type_double() }}) as promised_brier_score
    from {{ ref('model_registry') }}
)

select
    measured.export_date,
    measured.population,
    measured.segment,
    measured.model_id,
    measured.customers_with_outcome,
    measured.declined_customers,
    measured.mean_predicted_probability,
    measured.observed_decline_rate,
    case
        when measured.declined_customers > 0 and measured.declined_customers < measured.customers_with_outcome
            then (
                measured.declined_rank_sum
                - measured.declined_customers * (measured.declined_customers + 1) / 2.0
            ) / (measured.declined_customers * (measured.customers_with_outcome - measured.declined_customers))
    end as realised_roc_auc,
    measured.brier_score,
    promised.promised_roc_auc,
    promised.promised_brier_score
from measured
left join promised on measured.model_id = promised.model_id
