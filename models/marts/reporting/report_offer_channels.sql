{#- Whom to contact this period, by channel: the customers with an offer (report_customers), how many per
    channel, the profit at stake with them, and how many are in the target segment. -#}
with offered as (
    select * from {{ ref('report_customers') }}
    where offer_code is not null
),

target_segment as (
    select segment from {{ ref('segment_grid') }}
    where is_target_segment
)

select
    offered.channel,
    max(offered.channel_name) as channel_name,
    row_number() over (order by count(*) desc, offered.channel) as channel_order,
    count(*) as customers,
    sum(offered.expected_loss) as expected_loss,
    count(target_segment.segment) as target_customers,
    count(case when offered.allows_messages then 1 end) as consented_customers
from offered
left join target_segment on offered.segment = target_segment.segment
group by offered.channel
