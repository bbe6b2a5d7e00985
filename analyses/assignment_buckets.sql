{#- The control group's md5 buckets of a fixed set of ids, as the macro assignment_bucket computes them on the
    target's engine: `make spark-test` compiles this for DuckDB and for Spark, runs each on its engine and
    compares both with one_click.assignment in Python. -#}
select
    customer_id,
    {{ assignment_bucket('customer_id') }} as assignment_bucket
from (
    select cast(id as bigint) as customer_id
    from (
        values (1), (2), (42), (999999), (10000001), (10000002), (10001300), (123456789012)
    ) as ids (id)
) as fixed_ids
