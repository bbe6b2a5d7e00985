"""A primary key is unique either by a test or by the warehouse itself.

dbt-score's built-in `has_uniqueness_test` asks for a `unique` test on every primary-key column (or a
`unique_combination_of_columns` test on a composite key). Where a model's contract is enforced, dbt creates
the table with its PRIMARY KEY constraint first and inserts into it, and DuckDB enforces PRIMARY KEY (and NOT
NULL): a duplicate key fails the model itself with `Constraint Error: PRIMARY KEY or UNIQUE constraint
violation`, and the previous table stays in place. A test of the same fact would then be a second node that
re-reads the table and can never fail. This rule accepts either; pyproject.toml disables the built-in one.
A warehouse that does not enforce primary keys (Spark, Databricks) needs the test: a model meant to run
there keeps it.
"""

from dbt_score import Model, RuleViolation, Severity, rule
from dbt_score.rules.filters import is_table


def _enforced(model: Model) -> bool:
    contract = model.config.get("contract") or {}
    return bool(contract.get("enforced"))


@rule(severity=Severity.MEDIUM, rule_filters={is_table()})
def primary_key_is_unique(model: Model) -> RuleViolation | None:
    """A primary key is enforced by the model's contract or tested for uniqueness."""
    for column in model.columns:
        if any(constraint.type == "primary_key" for constraint in column.constraints):
            if _enforced(model) or any(test.type == "unique" for test in column.tests):
                return None
            return RuleViolation(
                f"Primary key {column.name} is neither enforced (contract) nor tested `unique`."
            )
    key: list[str] = []
    for constraint in model.constraints:
        if constraint.type == "primary_key":
            key = list(constraint.columns or [])
            break
    if not key or _enforced(model):
        return None
    for test in model.tests:
        columns = test.kwargs.get("combination_of_columns") or []
        if test.type == "unique_combination_of_columns" and set(columns) == set(key):
            return None
    return RuleViolation(
        f"Primary key {','.join(key)} is neither enforced (contract) nor tested by "
        "unique_combination_of_columns."
    )
