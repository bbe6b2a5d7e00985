-- No message-based offer to a customer who did not allow messages («Разрешить сообщать» = нет).
select
    offers.customer_id,
    offers.channel
from {{ ref('customer_offers') }} as offers
inner join {{ ref('customer_features') }} as features on offers.customer_id = features.customer_id
where offers.requires_consent and not features.allows_messages
