{#- All nine cells of the risk × value grid, the most valuable and most at risk first. The figures are
    segment_summary's; a cell without customers gets zero customers, zero loss and a zero share, and no
    means (a mean over nobody). -#}
select
    grid.segment,
    {{ display_name('segment', 'grid.segment') }} as segment_name,
    row_number() over (order by grid.value_band_order desc, grid.risk_band_order desc) as segment_order,
    grid.value_band,
    {{ display_name('value_band', 'grid.value_band') }} as value_band_name,
    grid.risk_band,
    {{ display_name('risk_band', 'grid.risk_band') }} as risk_band_name,
    grid.is_target_segment,
    coalesce(figures.customers, 0) as customers,
    coalesce(figures.labelled_customers, 0) as labelled_customers,
    figures.known_decline_share,
    figures.mean_decline_probability,
    figures.mean_monthly_profit,
    coalesce(figures.total_expected_loss, 0) as total_expected_loss,
    coalesce(figures.share_of_expected_loss, 0) as share_of_expected_loss,
    figures.top_categories,
    figures.top_reasons
from {{ ref('segment_grid') }} as grid
left join {{ ref('segment_summary') }} as figures on grid.segment = figures.segment
