"""What each dbt Python model is told by its config, as one typed, frozen object per model.

What a Python model is told is the `meta` of its yml (dbt's place for a project's own settings), each key
named like the var it routes (dbt_project.yml cannot route its own vars into a folder's config). A shim reads
it whole, with the one literal call `dbt.config.get("meta")` (dbt hands a Python model only the config keys it
finds such calls for), and `from_settings` takes the fields of the model's options from it; a tool run outside
dbt takes them from the project's vars. Every value's default is declared once, as a var in dbt_project.yml
(or in the model's yml), never here: a key that reaches a model unset is an error naming it. Values arrive as
dbt rendered them (a number, or text where a var falls back to an environment variable) and are converted here
to the type the field declares.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Self


def _convert(name: str, kind: Any, value: Any) -> Any:
    if value is None:
        raise ValueError(
            f"model config `{name}` is not set: declare it in the meta of the model's yml or of its folder in"
            " dbt_project.yml (its default as a var there)"
        )
    if kind is bool:
        text = str(value).strip().lower()
        if text not in {"true", "false"}:
            raise ValueError(f"model config `{name}` must be true or false, got {value!r}")
        return text == "true"
    if kind is int:
        return int(value)
    if kind is float:
        return float(value)
    if typing.get_origin(kind) is tuple:
        if isinstance(value, str):
            raise ValueError(f"model config `{name}` must be a list, got the text {value!r}")
        return tuple(str(item) for item in value)
    raise TypeError(f"no conversion for model config `{name}` of type {kind}")


@dataclass(frozen=True)
class _Options:
    """Converts every field to its declared type; a missing value (None) is an error naming the key."""

    def __post_init__(self) -> None:
        hints = typing.get_type_hints(type(self))
        for field in dataclasses.fields(self):
            value = _convert(field.name, hints[field.name], getattr(self, field.name))
            object.__setattr__(self, field.name, value)

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any] | None, **computed: Any) -> Self:
        """The options from settings named like the vars: a model's `meta` (`dbt.config.get("meta")`), or
        the project's vars for a tool run outside dbt (`one_click.project.project_vars()`). Each field is read
        by its name, other keys are left alone; `computed` holds fields the model derives from a ref."""
        declared = {field.name: (settings or {}).get(field.name) for field in dataclasses.fields(cls)}
        return cls(**(declared | computed))


@dataclass(frozen=True)
class TrainingOptions(_Options):
    """model_registry: the search, the final fit and the quality gate."""

    training_seed: int
    cv_splits: int
    cv_repeats: int
    selection_sample_size: int
    min_roc_auc: float


@dataclass(frozen=True)
class ExplanationOptions(_Options):
    """customer_feature_contributions: everyone up to `explain_everyone_up_to` customers, above it only the
    segments worth acting on."""

    actionable_segments: tuple[str, ...]
    explain_everyone_up_to: int


@dataclass(frozen=True)
class ImportanceOptions(_Options):
    """feature_importance: the size and seed of the sample explained when contributions do not cover
    everyone (and always on Spark)."""

    importance_sample_size: int
    training_seed: int


@dataclass(frozen=True)
class SegmentCutoffs(_Options):
    """customer_segments: risk cut-offs on the decline probability; value cut-offs as profit quantiles."""

    medium_risk_from: float
    high_risk_from: float
    medium_value_from_quantile: float
    high_value_from_quantile: float

    def __post_init__(self) -> None:
        super().__post_init__()
        if not 0 < self.medium_risk_from < self.high_risk_from < 1:
            raise ValueError(f"risk cut-offs must satisfy 0 < medium < high < 1, got {self}")
        if not 0 < self.medium_value_from_quantile < self.high_value_from_quantile < 1:
            raise ValueError(f"value quantiles must satisfy 0 < medium < high < 1, got {self}")


@dataclass(frozen=True)
class ProfilingOptions(_Options):
    """feature_profile, feature_histogram, feature_drift: on Spark they describe at most
    `profiling_row_limit` customers, drawn by a hash of customer id and `training_seed` (every customer up to
    it, and so the DuckDB build's table)."""

    profiling_row_limit: int
    training_seed: int


@dataclass(frozen=True)
class HistogramOptions(ProfilingOptions):
    """feature_histogram: the bins per numeric feature."""

    histogram_bins: int


@dataclass(frozen=True)
class CorrelationOptions(_Options):
    """feature_correlations: phik's flags and the size of the sample it runs on (on Spark the sample is drawn
    there by a hash of customer id and `training_seed`)."""

    multicollinearity_threshold: float
    leakage_threshold: float
    correlation_sample_size: int
    training_seed: int
