{#- The contact list per channel: how many customers to contact, how many wait beyond the channel's capacity,
    how many are held out as control, and the profit at stake with those contacted. -#}
with offered as (
    select * from {{ ref('int_customers_assigned') }}
    where offer_code is not null
),

target_segment as (
    select segment from {{ ref('segment_grid') }}
    where is_target_segment
),

capacity as (
    select * from {{ ref('channel_capacity') }}
)

select
    {{ export_date_literal() }} as export_date,
    offered.channel,
    {{ display_name('channel', 'offered.channel') }} as channel_name,
    row_number() over (
        order by count(case when offered.is_sent then 1 end) desc, offered.channel asc
    ) as channel_order,
    max(capacity.capacity_per_period) as capacity_per_period,
    count(case when offered.is_sent then 1 end) as customers,
    count(case when offered.arm != 'control' and not offered.fits_capacity then 1 end) as waiting_customers,
    count(case when offered.arm = 'control' then 1 end) as control_customers,
    coalesce(sum(case when offered.is_sent then offered.expected_loss end), 0) as expected_loss,
    count(case when offered.is_sent and target_segment.segment is not null then 1 end) as target_customers,
    count(case when offered.is_sent and offered.allows_messages then 1 end) as consented_customers
from offered
left join target_segment on offered.segment = target_segment.segment
left join capacity on offered.channel = capacity.channel
group by offered.channel
