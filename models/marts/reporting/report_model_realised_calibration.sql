{#- Predicted against observed per scoring period, for the results page's calibration chart. -#}
select
    export_date,
    probability_bin,
    bin_from,
    bin_to,
    cast(customers_with_outcome as bigint) as customers_with_outcome,
    mean_predicted_probability,
    observed_decline_rate
from {{ ref('model_realised_calibration') }}
