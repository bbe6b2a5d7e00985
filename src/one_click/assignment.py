"""The control group's randomisation in Python, bucket for bucket the same as the SQL macro
`assignment_bucket` (macros/history/history_sql.sql) on DuckDB and on Spark.

A customer's bucket is the first 32 bits of the md5 of '<salt>:<customer id>' modulo 10,000; a customer whose
bucket falls below the offer's control share × 10,000 is held out as control. md5, not an engine's hash():
DuckDB's hash() changed between versions and Spark's is another function, so neither would give a customer
the same arm on two engines or after an upgrade.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from one_click.project import PROJECT_FILE, project_vars

BUCKETS = 10_000  # as the macro assignment_bucket_count()


def assignment_bucket(customer_id: int | str, salt: str) -> int:
    """The customer's bucket, 0 to BUCKETS - 1."""
    digest = hashlib.md5(f"{salt}:{customer_id}".encode(), usedforsecurity=False).hexdigest()
    return int(digest[:8], 16) % BUCKETS


def is_control(customer_id: int | str, salt: str, control_share: float) -> bool:
    """True when the customer is held out of an offer with this control share."""
    return assignment_bucket(customer_id, salt) < control_share * BUCKETS


def project_salt(project_file: Path = PROJECT_FILE) -> str:
    """The salt the dbt project declares (var `assignment_salt` in dbt_project.yml)."""
    return str(project_vars(project_file)["assignment_salt"])
