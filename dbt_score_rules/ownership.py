"""Ownership is declared once, by dbt groups.

dbt-score's built-in `has_owner` and `seed_has_owner` look for `meta.owner`, a second place to write what
`models/groups.yml` already says (dbt refuses a group without an owner, and a node naming an unknown group).
These rules ask for the group instead; pyproject.toml disables the built-in ones.
"""

from dbt_score import Model, RuleViolation, Seed, Severity, rule


@rule(severity=Severity.MEDIUM)
def model_has_group(model: Model) -> RuleViolation | None:
    """A model should belong to a group (models/groups.yml), whose owner answers for it."""
    if not model.group:
        return RuleViolation(
            message="Model belongs to no group: give its folder a `+group` in dbt_project.yml."
        )
    return None


@rule(severity=Severity.MEDIUM)
def seed_has_group(seed: Seed) -> RuleViolation | None:
    """A seed should belong to a group (models/groups.yml), whose owner answers for it."""
    if not seed.config.get("group"):
        return RuleViolation(message="Seed belongs to no group: give it a `+group` in dbt_project.yml.")
    return None
