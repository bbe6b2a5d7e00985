"""The dbt project as tools that run outside dbt read it: its folder and the vars dbt_project.yml declares.

A setting the build and such a tool share (the training seed and CV settings `python -m
one_click.compare_models` re-scores with, the assignment salt, the outcome horizon the simulator dates the
next period by) is read from the var that declares it, so its value is written once, in dbt_project.yml.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PROJECT_FILE = PROJECT_ROOT / "dbt_project.yml"


def project_vars(project_file: Path = PROJECT_FILE) -> dict[str, Any]:
    """Every var dbt_project.yml declares, with its declared value."""
    project = yaml.safe_load(project_file.read_text(encoding="utf-8"))
    return dict(project.get("vars") or {})
