"""Data loading, formats and charts behind the Streamlit dashboard in `dashboard/`.

The dashboard never opens the DuckDB warehouse (one writer or many readers per file: a reader would make the
next `dbt build` fail). It reads only the Parquet snapshot that every successful build publishes
(`one_click.publish`), plus dbt's `run_results.json`. Every figure it shows is a column of a published
`report_*` mart, whose `*_name` columns also carry the Russian words; the dashboard only selects, filters,
sorts and formats (tests/python/test_dashboard_no_aggregation.py keeps it that way):

* snapshot — where the data is, the current snapshot and its manifest, reading a table's columns
* checks   — the last dbt run's checks from run_results.json (the one place that counts anything)
* labels   — Russian number and date formats
* charts   — Altair charts encoding the marts' columns
* ui       — Streamlit glue: cached reads keyed on the build, display names, links, missing-data messages
"""
