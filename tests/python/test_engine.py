"""One engine choice per model call: `path_for` hands DuckDB relations and pandas frames to
`one_click.pandas_path`, Spark DataFrames to `one_click.spark.path`, whose functions match name for name and
parameter for parameter; options are typed, frozen and never defaulted in Python."""

from __future__ import annotations

import dataclasses
import inspect

import duckdb
import pandas as pd
import pytest

from one_click import options, pandas_path
from one_click.engine import PATH_FUNCTIONS, path_for
from one_click.project import project_vars
from one_click.spark import path as spark_path


def test_duckdb_relations_and_pandas_frames_take_the_pandas_path() -> None:
    frame = pd.DataFrame({"customer_id": [1]})
    with duckdb.connect() as connection:
        assert path_for(connection.from_df(frame)) is pandas_path
    assert path_for(frame) is pandas_path
    with pytest.raises(TypeError):
        path_for([1, 2])


@pytest.mark.parametrize("name", PATH_FUNCTIONS)
def test_both_paths_offer_the_same_function(name: str) -> None:
    on_pandas = inspect.signature(getattr(pandas_path, name))
    on_spark = inspect.signature(getattr(spark_path, name))
    assert list(on_pandas.parameters) == list(on_spark.parameters), name
    assert [p.kind for p in on_pandas.parameters.values()] == [p.kind for p in on_spark.parameters.values()]


OPTION_CLASSES = [
    cls
    for _, cls in inspect.getmembers(options, inspect.isclass)
    if dataclasses.is_dataclass(cls)
    and cls.__module__ == options.__name__
    and not cls.__name__.startswith("_")
]


@pytest.mark.parametrize("cls", OPTION_CLASSES, ids=lambda cls: cls.__name__)
def test_options_have_no_python_defaults_and_are_frozen(cls: type) -> None:
    fields = dataclasses.fields(cls)
    assert fields
    assert all(f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING for f in fields)
    assert cls.__dataclass_params__.frozen


def test_options_convert_what_dbt_renders_and_name_a_missing_key() -> None:
    built = options.TrainingOptions(
        training_seed="42", cv_splits=5, cv_repeats="2", selection_sample_size=20000, min_roc_auc="0.85"
    )
    assert built == options.TrainingOptions(
        training_seed=42, cv_splits=5, cv_repeats=2, selection_sample_size=20000, min_roc_auc=0.85
    )
    assert isinstance(built.min_roc_auc, float) and isinstance(built.cv_repeats, int)
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.cv_splits = 3  # type: ignore[misc]
    explained = options.ExplanationOptions(actionable_segments=["a", "b"], explain_everyone_up_to=10)
    assert explained.actionable_segments == ("a", "b")
    with pytest.raises(ValueError, match="`explain_everyone_up_to` is not set"):
        options.ExplanationOptions(actionable_segments=["a"], explain_everyone_up_to=None)
    with pytest.raises(ValueError, match="must be a list"):
        options.ExplanationOptions(actionable_segments="a, b", explain_everyone_up_to=10)


def test_options_are_read_from_a_models_meta_or_the_project_vars() -> None:
    meta = {"profiling_row_limit": 150, "training_seed": "7", "histogram": "another key, left alone"}
    assert options.ProfilingOptions.from_settings(meta) == options.ProfilingOptions(
        profiling_row_limit=150, training_seed=7
    )
    with pytest.raises(ValueError, match="`histogram_bins` is not set"):
        options.HistogramOptions.from_settings(meta)
    explained = options.ExplanationOptions.from_settings(
        {"explain_everyone_up_to": 5}, actionable_segments=["a"]
    )
    assert explained == options.ExplanationOptions(actionable_segments=("a",), explain_everyone_up_to=5)
    declared = project_vars()
    training = options.TrainingOptions.from_settings(declared)
    assert (training.training_seed, training.cv_splits) == (declared["training_seed"], declared["cv_splits"])
    assert training.selection_sample_size == declared["selection_sample_size"]
