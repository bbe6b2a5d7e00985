{#- One row per segment with customers: size, known declines, profit, expected loss, and what characterises
    it (favourite categories, main reasons). The single definition of the segment figures: report_segments
    adds the empty cells of the grid and the names, and derives nothing again. -#}
{%- set top_n = 3 -%}
{%- set list_separator = "'; '" -%}
with customers as (
    select
        segment,
        risk_band,
        value_band,
        is_target_segment,
        is_activity_declined,
        favourite_category,
        decline_probability,
        monthly_profit,
        expected_loss,
        main_reason_text as reason_text
    from {{ ref('int_customers_segmented') }}
),

top_categories as (
    {{ most_frequent_values('customers', 'segment', 'favourite_category', top_n, list_separator, 'top_categories') }}
),

top_reasons as (
    {{ most_frequent_values('customers', 'segment', 'reason_text', top_n, list_separator, 'top_reasons') }}
),

totals as (
    select
        segment,
        max(risk_band) as risk_band,
        max(value_band) as value_band,
        {{ dbt.bool_or('is_target_segment') }} as is_target_segment,
        count(*) as customers,
        count(is_activity_declined) as labelled_customers,
        avg(case when is_activity_declined then 1.0 when not is_activity_declined then 0.0 end)
            as known_decline_share,
        avg(decline_probability) as mean_decline_probability,
        avg(monthly_profit) as mean_monthly_profit,
        sum(expected_loss) as total_expected_loss
    from customers
    group by segment
)

select
    totals.segment,
    {{ display_name('segment', 'totals.segment') }} as segment_name,
    totals.risk_band,
    totals.value_band,
    totals.is_target_segment,
    totals.customers,
    totals.labelled_customers,
    totals.known_decline_share,
    totals.mean_decline_probability,
    totals.mean_monthly_profit,
    totals.total_expected_loss,
    totals.total_expected_loss / nullif(sum(totals.total_expected_loss) over (), 0) as share_of_expected_loss,
    top_categories.top_categories,
    top_reasons.top_reasons
from totals
left join top_categories on totals.segment = top_categories.segment
left join top_reasons on totals.segment = top_reasons.segment
