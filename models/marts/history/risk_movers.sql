{#- Who moved into high risk: for every export period with one before it, the customers at high risk in it
    who were not at high risk in the previous period, either in a lower band or not scored then (a new or
    returning customer). Defined once here: report_risk_by_period counts them, report_risk_movers lists the
    newest period's. -#}
with history as (
    select * from {{ ref('prediction_history') }}
),

periods as (
    select * from {{ ref('export_periods') }}
    where previous_export_date is not null
),

now_high as (
    select
        history.*,
        periods.previous_export_date
    from history
    inner join periods on history.export_date = periods.export_date
    where history.risk_band = 'high'
)

select
    now_high.export_date,
    now_high.previous_export_date,
    now_high.customer_id,
    now_high.segment,
    now_high.decline_probability,
    now_high.risk_band,
    now_high.monthly_profit,
    now_high.expected_loss,
    now_high.offer_code,
    now_high.channel,
    now_high.arm,
    now_high.is_sent,
    previous.customer_id is not null as was_scored_before,
    previous.decline_probability as previous_decline_probability,
    previous.risk_band as previous_risk_band,
    previous.segment as previous_segment
from now_high
left join history as previous
    on
        now_high.previous_export_date = previous.export_date
        and now_high.customer_id = previous.customer_id
where previous.customer_id is null or previous.risk_band <> 'high'
