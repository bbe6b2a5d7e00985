{#- Predicted against observed per scoring period: the customers whose outcome no offer could change in ten
    bins of the published probability (0-0.1, ..., 0.9-1), the mean probability and the observed decline rate
    of each. -#}
with settled as (
    select
        export_date,
        decline_probability,
        case when is_activity_declined then 1.0 else 0.0 end as declined,
        least(cast(floor(decline_probability * 10) as integer), 9) as probability_bin
    from {{ ref('prediction_outcomes') }}
    where is_activity_declined is not null and not is_sent
)

select
    export_date,
    probability_bin,
    probability_bin / 10.0 as bin_from,
    (probability_bin + 1) / 10.0 as bin_to,
    count(*) as customers_with_outcome,
    avg(decline_probability) as mean_predicted_probability,
    avg(declined) as observed_decline_rate
from settled
group by export_date, probability_bin
