"""The Streamlit dashboard's package (pages in `dashboard/`): `snapshot` finds and reads the published build,
`checks` reads the last run's run_results.json, `labels` writes numbers and dates the Russian way, `charts`
draws the marts with Altair, `ui` is the Streamlit glue the pages share. It never opens the warehouse."""
