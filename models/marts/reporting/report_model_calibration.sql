{#- The published model's reliability table (model_reliability) under a contract: predicted against observed
    decline per probability bin. -#}
with reliability as (
    select * from {{ ref('model_reliability') }}
)

select
    reliability.bin,
    reliability.bin_lower,
    reliability.bin_upper,
    reliability.mean_predicted,
    reliability.observed_rate,
    reliability.customers
from reliability
