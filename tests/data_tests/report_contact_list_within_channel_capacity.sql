-- The list is exactly the offers int_customers_assigned sends: no channel is given more customers than its
-- declared capacity per period (seed channel_capacity; empty means no limit), nor other customers than those sent.
select
    contacts.channel,
    count(*) as listed
from {{ ref('report_contact_list') }} as contacts
left join {{ ref('channel_capacity') }} as capacity on contacts.channel = capacity.channel
group by contacts.channel
having
    count(*) > coalesce(max(capacity.capacity_per_period), count(*))
    or count(*) != (
        select count(*) from {{ ref('int_customers_assigned') }} as assigned
        where assigned.is_sent and assigned.channel = contacts.channel
    )
