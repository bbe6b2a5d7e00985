-- The list is exactly the offers int_customers_assigned sends: per channel as many customers as it sends, no
-- channel given more than its declared capacity per period (seed channel_capacity; empty means no limit), and
-- no control customer on it.
with listed as (
    select
        contacts.channel,
        count(*) as listed_customers,
        count(case when assigned.arm = 'control' then 1 end) as listed_control_customers,
        max(capacity.capacity_per_period) as capacity_per_period
    from {{ ref('report_contact_list') }} as contacts
    left join {{ ref('int_customers_assigned') }} as assigned on contacts.customer_id = assigned.customer_id
    left join {{ ref('channel_capacity') }} as capacity on contacts.channel = capacity.channel
    group by contacts.channel
),

sent as (
    select
        channel,
        count(*) as sent_customers
    from {{ ref('int_customers_assigned') }}
    where is_sent
    group by channel
)

select
    coalesce(listed.channel, sent.channel) as channel,
    listed.listed_customers,
    sent.sent_customers,
    listed.listed_control_customers,
    listed.capacity_per_period
from listed
full outer join sent on listed.channel = sent.channel
where
    coalesce(listed.listed_customers, 0) != coalesce(sent.sent_customers, 0)
    or listed.listed_control_customers > 0
    or listed.listed_customers > listed.capacity_per_period
