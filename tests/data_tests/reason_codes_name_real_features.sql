-- Every feature in the seed reason_codes is a column of customer_features, and every model feature has a reason.
-- depends_on: {{ ref('customer_features') }}
with feature_columns as (
    select column_name as feature
    from information_schema.columns
    where
        table_schema = current_schema()
        and table_name = 'customer_features'
        and column_name not in ('customer_id', 'is_activity_declined', 'monthly_profit', 'has_revenue_outlier')
)

select
    coalesce(reason_codes.feature, feature_columns.feature) as feature,
    reason_codes.feature is null as missing_from_reason_codes
from {{ ref('reason_codes') }} as reason_codes
full outer join feature_columns on reason_codes.feature = feature_columns.feature
where reason_codes.feature is null or feature_columns.feature is null
