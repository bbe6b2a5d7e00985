{#- One row per segment for the dashboard: size, known declines, profit, expected loss, and what
    characterises it (favourite categories, main reasons). -#}
with segments as (
    select * from {{ ref('customer_segments') }}
),

features as (
    select * from {{ ref('customer_features') }}
),

main_reasons as (
    select
        customer_id,
        reason_text
    from {{ ref('customer_top_reasons') }}
    where contribution > 0
    qualify row_number() over (partition by customer_id order by reason_rank) = 1
),

customers as (
    select
        segments.*,
        features.is_activity_declined,
        features.favourite_category,
        main_reasons.reason_text
    from segments
    inner join features on segments.customer_id = features.customer_id
    left join main_reasons on segments.customer_id = main_reasons.customer_id
),

category_ranks as (
    select
        segment,
        favourite_category,
        row_number() over (partition by segment order by count(*) desc, favourite_category) as category_rank
    from customers
    group by segment, favourite_category
),

reason_ranks as (
    select
        segment,
        reason_text,
        row_number() over (partition by segment order by count(*) desc, reason_text) as reason_rank
    from customers
    where reason_text is not null
    group by segment, reason_text
),

totals as (
    select
        segment,
        any_value(segment_name) as segment_name,
        any_value(risk_band) as risk_band,
        any_value(value_band) as value_band,
        bool_or(is_target_segment) as is_target_segment,
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
    totals.*,
    totals.total_expected_loss / sum(totals.total_expected_loss) over () as share_of_expected_loss,
    (
        select string_agg(category_ranks.favourite_category, '; ' order by category_ranks.category_rank)
        from category_ranks
        where category_ranks.segment = totals.segment and category_ranks.category_rank <= 3
    ) as top_categories,
    (
        select string_agg(reason_ranks.reason_text, '; ' order by reason_ranks.reason_rank)
        from reason_ranks
        where reason_ranks.segment = totals.segment and reason_ranks.reason_rank <= 3
    ) as top_reasons
from totals
order by totals.total_expected_loss desc
