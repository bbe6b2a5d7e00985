{#- Did each offer work, as the results page shows it: offer_uplift with the offer's text, the segment's name
    and a note saying whether the cell settles anything. -#}
with uplift as (
    select * from {{ ref('offer_uplift') }}
)

select
    uplift.export_date,
    uplift.offer_code,
    offer_texts.offer_text,
    uplift.segment,
    {{ segment_or_all_name('uplift.segment') }} as segment_name,
    cast(uplift.treated_customers as bigint) as treated_customers,
    cast(uplift.control_customers as bigint) as control_customers,
    uplift.treated_decline_rate,
    uplift.control_decline_rate,
    uplift.has_enough_customers,
    uplift.uplift,
    uplift.uplift_ci_low,
    uplift.uplift_ci_high,
    uplift.p_value,
    uplift.minimum_detectable_effect,
    cast(uplift.customers_needed as bigint) as customers_needed,
    uplift.profit_kept_rub,
    uplift.profit_kept_ci_low_rub,
    uplift.profit_kept_ci_high_rub,
    -- The same amounts in the unit of profit (report_money_units), which the dashboard writes every amount in.
    uplift.profit_kept_rub / {{ var('profit_unit_rub') }} as profit_kept,
    uplift.profit_kept_ci_low_rub / {{ var('profit_unit_rub') }} as profit_kept_ci_low,
    uplift.profit_kept_ci_high_rub / {{ var('profit_unit_rub') }} as profit_kept_ci_high,
    case
        when not uplift.has_enough_customers
            then
                'Пока мало клиентов: нужно ещё '
                || cast(cast(uplift.customers_needed as bigint) as {{ dbt.type_string() }})
        when uplift.uplift_ci_low > 0 then 'Предложение работает'
        when uplift.uplift_ci_high < 0 then 'Предложение вредит'
        else 'Эффект не доказан'
    end as verdict
from uplift
left join {{ ref('int_offer_texts') }} as offer_texts on uplift.offer_code = offer_texts.offer_code
