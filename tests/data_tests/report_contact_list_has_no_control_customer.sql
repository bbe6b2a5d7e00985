-- A control customer is held out of the offer: none is ever on the contact list.
select
    contacts.customer_id,
    contacts.channel
from {{ ref('report_contact_list') }} as contacts
inner join {{ ref('int_customers_assigned') }} as assigned on contacts.customer_id = assigned.customer_id
where assigned.arm = 'control'
