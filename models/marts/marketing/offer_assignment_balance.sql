{#- The sample-ratio check: per offer, is the number of control customers what the declared control share
    makes likely? A broken assignment (a changed salt mid-period, a join that drops one arm) shows up as a control
    count far from its share; the data test on is_imbalanced then fails the build. -#}
with eligible as (
    select
        offer_code,
        control_share,
        arm
    from {{ ref('int_customers_assigned') }}
    where arm in ('treatment', 'control')
),

counts as (
    select
        offer_code,
        max(control_share) as control_share,
        count(*) as eligible_customers,
        sum(case when arm = 'control' then 1 else 0 end) as control_customers
    from eligible
    group by offer_code
),

expected as (
    select
        *,
        eligible_customers * control_share as expected_control_customers,
        eligible_customers * (1 - control_share) as expected_treatment_customers
    from counts
),

tested as (
    select
        *,
        -- The chi-square approximation needs a few expected customers in each arm.
        least(expected_control_customers, expected_treatment_customers)
        >= {{ var('sample_ratio_min_expected') }} as is_tested
    from expected
),

statistics as (
    select
        *,
        case
            when is_tested
                then
                    (control_customers - expected_control_customers)
                    * (control_customers - expected_control_customers)
                    * (1.0 / expected_control_customers + 1.0 / expected_treatment_customers)
        end as chi_square,
        -- Bonferroni: the family of offers tested this period shares the declared alpha.
        {{ var('sample_ratio_alpha') }} / sum(case when is_tested then 1 else 0 end) over () as alpha_per_offer
    from tested
),

p_values as (
    select
        *,
        -- One degree of freedom: the chi-square is the square of a standard normal.
        2 * (1 - {{ normal_cdf('sqrt(chi_square)') }}) as p_value
    from statistics
)

select
    {{ export_date_literal() }} as export_date,
    offer_code,
    control_share,
    eligible_customers,
    control_customers,
    eligible_customers - control_customers as treatment_customers,
    expected_control_customers,
    is_tested,
    chi_square,
    p_value,
    {{ var('sample_ratio_alpha') }} as alpha,
    alpha_per_offer,
    coalesce(is_tested and p_value < alpha_per_offer, false) as is_imbalanced
from p_values
