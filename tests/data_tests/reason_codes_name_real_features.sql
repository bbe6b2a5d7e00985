{{ config(severity='warn') }}
-- Every feature in the seed reason_codes is a model feature of the catalogue (customer_features.yml), and every
-- model feature has a reason. Only a warning: a feature without one is its own reason (customer_top_reasons), so
-- a new feature builds before the marketing team has worded its reason.
{%- set roles = customer_feature_roles() %}
with catalogue_features as (
    {%- for feature in roles['categorical'] + roles['numeric'] %}
        select '{{ feature }}' as feature
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
)

select
    coalesce(reason_codes.feature, catalogue_features.feature) as feature,
    reason_codes.feature is null as missing_from_reason_codes
from {{ ref('reason_codes') }} as reason_codes
full outer join catalogue_features on reason_codes.feature = catalogue_features.feature
where reason_codes.feature is null or catalogue_features.feature is null
