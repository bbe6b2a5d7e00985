"""What dbt puts in a model's Jinja context beyond sqlfluff's builtins, for linting only.

sqlfluff's jinja templater (see .sqlfluff) knows `ref`, `var`, `config` and friends but not the `dbt`
namespace of cross-database macros nor `adapter.dispatch`. This package stands in for both, rendering what
dbt-duckdb would render, so the linted SQL is the SQL the project runs.
"""

from .raw_exports import raw_export_node

__all__ = ["raw_export_node"]
