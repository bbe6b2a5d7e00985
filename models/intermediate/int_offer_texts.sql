{#- Each offer's text, once per offer code: the seed offer_rules repeats an offer in every rule that gives it,
    and the reports that name an offer read its text here. -#}
select
    offer_code,
    min(offer_text) as offer_text,
    count(distinct offer_text) as declared_texts
from {{ ref('offer_rules') }}
group by offer_code
