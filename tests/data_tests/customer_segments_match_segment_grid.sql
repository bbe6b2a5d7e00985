-- Every customer sits in a cell of seeds/segment_grid.csv with that cell's bands and target flag: the grid the
-- reporting marts list (empty cells included) is the one one_click.segments assigns customers to.
select
    segments.customer_id,
    segments.segment,
    segments.value_band,
    segments.risk_band,
    segments.is_target_segment
from {{ ref('customer_segments') }} as segments
left join {{ ref('segment_grid') }} as grid
    on
        segments.segment = grid.segment
        and segments.value_band = grid.value_band
        and segments.risk_band = grid.risk_band
        and segments.is_target_segment = grid.is_target_segment
where grid.segment is null
