"""The project's own dbt-score rules, found by dbt-score's default rule namespace `dbt_score_rules`."""
