-- Every customer in a segment worth acting on (segment_grid.is_actionable) gets an offer, and nobody else does:
-- the offer rules must cover every actionable customer (keep a `*,*` fallback rule).
select
    coalesce(customers.customer_id, offers.customer_id) as customer_id,
    offers.customer_id is null as lacks_an_offer
from (
    select customer_id from {{ ref('int_customers_segmented') }}
    where is_actionable
) as customers
full outer join {{ ref('customer_offers') }} as offers on customers.customer_id = offers.customer_id
where customers.customer_id is null or offers.customer_id is null
