{#- Did each offer work? Per scoring period and pooled over periods, per offer and segment (`all` pooled over
    segments): the randomised treatment customers the offer reached against the control customers who would
    have got it (same offer, within the channel's capacity), their decline rates, the uplift (control rate
    minus treated rate) with Newcombe's 95 % interval (hybrid Wilson score), the two-sided p-value of the
    pooled z-test, the minimum detectable effect at these sizes (80 % power), and the profit the offer kept
    net of its cost. A cell whose minimum detectable effect exceeds the var `uplift_effect_to_detect`, or with
    fewer than `uplift_min_arm_customers` in an arm, shows no estimate and says how many more customers would
    settle it. -#}
{%- set z = normal_quantile(0.975) -%}
{%- set z_power = normal_quantile(0.8) -%}
{%- set effect = var('uplift_effect_to_detect') -%}
{%- set min_arm = var('uplift_min_arm_customers') -%}

with experiment as (
    select
        export_date,
        offer_code,
        segment,
        arm,
        case when is_activity_declined then 1 else 0 end as declined,
        monthly_profit,
        offer_cost_rub,
        control_share
    from {{ ref('prediction_outcomes') }}
    where
        offer_code is not null
        and arm in ('treatment', 'control')
        and fits_capacity
        and is_activity_declined is not null
),

by_segment as (
    select * from experiment
    union all
    select
        export_date,
        offer_code,
        'all' as segment,
        arm,
        declined,
        monthly_profit,
        offer_cost_rub,
        control_share
    from experiment
),

{%- set arm_counts %}
        sum(case when arm = 'treatment' then 1 else 0 end) as treated_customers,
        sum(case when arm = 'treatment' then declined else 0 end) as treated_declined,
        sum(case when arm = 'control' then 1 else 0 end) as control_customers,
        sum(case when arm = 'control' then declined else 0 end) as control_declined,
        avg(case when arm = 'treatment' then monthly_profit end) as treated_mean_monthly_profit,
        avg(case when arm = 'treatment' then offer_cost_rub end) as offer_cost_rub,
        avg(control_share) as control_share
{%- endset %}

cells as (
    select
        export_date,
        offer_code,
        segment,
        {{ arm_counts }}
    from by_segment
    group by export_date, offer_code, segment
    union all
    select
        cast(null as date) as export_date,
        offer_code,
        segment,
        {{ arm_counts }}
    from by_segment
    group by offer_code, segment
),

rates as (
    select
        *,
        treated_declined * 1.0 / nullif(treated_customers, 0) as treated_decline_rate,
        control_declined * 1.0 / nullif(control_customers, 0) as control_decline_rate,
        -- The pooled rate under "no effect"; a cell where nobody or everybody declined is planned at 0.5.
        case
            when treated_declined + control_declined in (0, treated_customers + control_customers) then 0.5
            else (treated_declined + control_declined) * 1.0 / (treated_customers + control_customers)
        end as pooled_rate
    from cells
),

tested as (
    select
        *,
        control_decline_rate - treated_decline_rate as raw_uplift,
        sqrt(
            pooled_rate * (1 - pooled_rate)
            * (1.0 / nullif(treated_customers, 0) + 1.0 / nullif(control_customers, 0))
        ) as null_standard_error,
        {{ wilson_bound('control_declined', 'control_customers', z, -1) }} as control_low,
        {{ wilson_bound('control_declined', 'control_customers', z, 1) }} as control_high,
        {{ wilson_bound('treated_declined', 'treated_customers', z, -1) }} as treated_low,
        {{ wilson_bound('treated_declined', 'treated_customers', z, 1) }} as treated_high
    from rates
),

judged as (
    select
        *,
        ({{ z }} + {{ z_power }}) * null_standard_error as minimum_detectable_effect,
        abs(raw_uplift) / null_standard_error as z_statistic,
        coalesce(
            least(treated_customers, control_customers) >= {{ min_arm }}
            and ({{ z }} + {{ z_power }}) * null_standard_error <= {{ effect }},
            false
        ) as has_enough_customers,
        -- All customers over control customers, and over treated ones: the cell's own split, or the offer's
        -- declared control share while an arm is still empty.
        coalesce((treated_customers + control_customers) * 1.0 / nullif(control_customers, 0), 1.0 / control_share)
            as customers_per_control,
        coalesce(
            (treated_customers + control_customers) * 1.0 / nullif(treated_customers, 0), 1.0 / (1 - control_share)
        ) as customers_per_treated
    from tested
),

planned as (
    -- Customers in both arms that bring the minimum detectable effect down to the effect to detect, with at
    -- least the minimum in each arm: N = (z + z_power)^2 p (1 - p) (N / control + N / treated) / effect^2.
    select
        *,
        greatest(
            ({{ z }} + {{ z_power }}) * ({{ z }} + {{ z_power }}) * pooled_rate * (1 - pooled_rate)
            * (customers_per_control + customers_per_treated) / ({{ effect }} * {{ effect }}),
            {{ min_arm }} * greatest(customers_per_control, customers_per_treated)
        ) as customers_required,
        treated_customers * treated_mean_monthly_profit * {{ var('profit_unit_rub') }}
        * {{ var('outcome_horizon_months') }} as treated_profit_rub
    from judged
),

estimated as (
    select
        *,
        case when has_enough_customers then raw_uplift end as uplift,
        case
            when has_enough_customers
                then raw_uplift - sqrt(
                    (control_decline_rate - control_low) * (control_decline_rate - control_low)
                    + (treated_high - treated_decline_rate) * (treated_high - treated_decline_rate)
                )
        end as uplift_ci_low,
        case
            when has_enough_customers
                then raw_uplift + sqrt(
                    (control_high - control_decline_rate) * (control_high - control_decline_rate)
                    + (treated_decline_rate - treated_low) * (treated_decline_rate - treated_low)
                )
        end as uplift_ci_high
    from planned
)

select
    export_date,
    offer_code,
    segment,
    treated_customers,
    control_customers,
    treated_declined,
    control_declined,
    treated_decline_rate,
    control_decline_rate,
    has_enough_customers,
    uplift,
    uplift_ci_low,
    uplift_ci_high,
    case when has_enough_customers then 2 * (1 - {{ normal_cdf('z_statistic') }}) end as p_value,
    minimum_detectable_effect,
    case
        when has_enough_customers then 0
        else greatest(cast(ceil(customers_required) as bigint) - (treated_customers + control_customers), 1)
    end as customers_needed,
    treated_mean_monthly_profit,
    offer_cost_rub,
    -- The profit the offer kept: customers kept (uplift x treated) bring their monthly profit over the months
    -- to the outcome, less what the offers sent cost; the interval carries the uplift's.
    uplift * treated_profit_rub - treated_customers * offer_cost_rub as profit_kept_rub,
    uplift_ci_low * treated_profit_rub - treated_customers * offer_cost_rub as profit_kept_ci_low_rub,
    uplift_ci_high * treated_profit_rub - treated_customers * offer_cost_rub as profit_kept_ci_high_rub
from estimated
