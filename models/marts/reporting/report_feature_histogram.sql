{#- feature_histogram with the names of features and outcomes. -#}
select
    histogram.feature,
    {{ display_name('feature', 'histogram.feature') }} as feature_name,
    histogram.outcome,
    {{ display_name('outcome', 'histogram.outcome') }} as outcome_name,
    {{ outcome_order('histogram.outcome') }} as outcome_order,
    histogram.bin_index,
    histogram.bin_lower,
    histogram.bin_upper,
    histogram.n_values,
    histogram.share
from {{ ref('feature_histogram') }} as histogram
