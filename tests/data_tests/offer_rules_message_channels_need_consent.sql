-- A rule that messages the customer must be marked as needing consent.
select
    segment,
    reason_code,
    offer_code,
    channel
from {{ ref('offer_rules') }}
where channel != 'site' and not requires_consent
