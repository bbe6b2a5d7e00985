{#- Who moved into high risk since the previous period, as the results page lists them: risk_movers of the
    newest stored period, with the names of their segment and previous band and the text of their offer. -#}
with movers as (
    select movers.*
    from {{ ref('risk_movers') }} as movers
    inner join {{ ref('export_periods') }} as periods
        on movers.export_date = periods.export_date
    where periods.is_newest_period
)

select
    movers.export_date,
    movers.previous_export_date,
    movers.customer_id,
    movers.segment,
    {{ display_name('segment', 'movers.segment') }} as segment_name,
    movers.decline_probability,
    movers.previous_decline_probability,
    movers.was_scored_before,
    movers.previous_risk_band,
    {{ display_name('risk_band', 'movers.previous_risk_band') }} as previous_risk_band_name,
    movers.monthly_profit,
    movers.expected_loss,
    row_number() over (order by movers.expected_loss desc nulls last, movers.customer_id asc) as expected_loss_rank,
    movers.offer_code,
    offer_texts.offer_text,
    movers.channel,
    {{ display_name('channel', 'movers.channel') }} as channel_name,
    movers.arm,
    movers.is_sent
from movers
left join {{ ref('int_offer_texts') }} as offer_texts on movers.offer_code = offer_texts.offer_code
