"""Data loading, numbers and charts behind the Streamlit dashboard in `dashboard/`.

The dashboard never opens the DuckDB warehouse (one writer or many readers per file: a reader would make the
next `dbt build` fail). It reads only the Parquet snapshot that every successful build publishes
(`one_click.publish`), plus dbt's `run_results.json`. Everything here except `ui` is free of Streamlit, so
the numbers the staff see are unit-tested without a browser:

* snapshot — where the data is, the current snapshot, its tables checked against the published contract
* labels   — Russian names and number formats for the store's staff
* metrics  — the numbers and tables each page shows
* charts   — Altair charts
* ui       — Streamlit glue: cached reads keyed on the build, messages for missing data
"""
