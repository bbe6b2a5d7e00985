{#- The contact list per channel and over all channels (`all`): how many customers to contact, how many wait
    beyond the channel's capacity, how many are held out as control, and the profit at stake with those
    contacted. Every count is of int_customers_assigned, the one place that decides who is sent. -#}
with offered as (
    select * from {{ ref('int_customers_assigned') }}
    where offer_code is not null
),

capacity as (
    select * from {{ ref('channel_capacity') }}
),

per_channel as (
    select
        offered.channel,
        max(capacity.capacity_per_period) as capacity_per_period,
        count(case when offered.is_sent then 1 end) as customers,
        count(case when offered.arm != 'control' and not offered.is_sent then 1 end) as waiting_customers,
        count(case when offered.arm = 'control' then 1 end) as control_customers,
        coalesce(sum(case when offered.is_sent then offered.expected_loss end), 0) as expected_loss,
        count(case when offered.is_sent and grid.is_target_segment then 1 end) as target_customers,
        count(case when offered.is_sent and offered.allows_messages then 1 end) as consented_customers
    from offered
    left join {{ ref('segment_grid') }} as grid on offered.segment = grid.segment
    left join capacity on offered.channel = capacity.channel
    group by offered.channel
),

channels as (
    select
        {{ export_date_literal() }} as export_date,
        channel,
        {{ display_name('channel', 'channel') }} as channel_name,
        row_number() over (order by customers desc, channel asc) as channel_order,
        capacity_per_period,
        customers,
        waiting_customers,
        control_customers,
        expected_loss,
        target_customers,
        consented_customers
    from per_channel
),

-- One row over every channel, even in a period without offers, so the overview reads its totals here.
all_channels as (
    select
        {{ export_date_literal() }} as export_date,
        'all' as channel,
        {{ display_name('channel_scope', "'all'") }} as channel_name,
        cast(0 as {{ dbt.type_bigint() }}) as channel_order,
        cast(null as {{ dbt.type_int() }}) as capacity_per_period,
        cast(coalesce(sum(customers), 0) as {{ dbt.type_bigint() }}) as customers,
        cast(coalesce(sum(waiting_customers), 0) as {{ dbt.type_bigint() }}) as waiting_customers,
        cast(coalesce(sum(control_customers), 0) as {{ dbt.type_bigint() }}) as control_customers,
        coalesce(sum(expected_loss), 0) as expected_loss,
        cast(coalesce(sum(target_customers), 0) as {{ dbt.type_bigint() }}) as target_customers,
        cast(coalesce(sum(consented_customers), 0) as {{ dbt.type_bigint() }}) as consented_customers
    from per_channel
)

select * from channels
union all
select * from all_channels
