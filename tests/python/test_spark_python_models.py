"""Every dbt Python model, run as dbt runs it on Spark: each shim's `model(dbt, session)` from
`python_models/`, on the local Spark, with a stand-in `dbt` whose `ref()` hands Spark DataFrames of the DuckDB
build's tables and whose `config.get` answers what dbt would hand the model (the manifest's config of that
model, only the keys dbt found it reading: `meta`, where a test may change a setting the model reads). Each
result equals the DuckDB build's table, exactly.

Where Spark draws a sample at scale (above `profiling_row_limit`, `correlation_sample_size`,
`importance_sample_size`, or explains only the segments worth acting on above `explain_everyone_up_to`), the
rule is tested with the limit set below the sample's size, the expected sample drawn here by its own SQL.

One DuckDB build of a small generated sample (the session's `dashboard_build`) and one local Spark serve
every test.
"""

from __future__ import annotations

import ast
import importlib.util
import json
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import duckdb
import pandas as pd
import pytest

from one_click import profiling
from one_click.features import CUSTOMER_ID, FEATURES, LABEL
from one_click.published import from_parquet_blob

from dashboard_build import DashboardBuild
from dbt_cli import PROJECT_ROOT, project_var

pytestmark = [pytest.mark.spark, pytest.mark.xdist_group("spark")]

SHIMS = {path.stem: path for path in sorted((PROJECT_ROOT / "python_models").rglob("*.py"))}


class StandInConfig:
    """`dbt.config`: a call that sets nothing, and `get` over what the compiled model's config_dict holds."""

    def __init__(self, values: dict[str, Any]) -> None:
        self._values = values

    def __call__(self, **_: Any) -> None:
        return None

    def get(self, key: str, default: Any = None) -> Any:
        return self._values.get(key, default)


class StandInDbt:
    """What dbt hands a Python model on Databricks: `ref`, `config`, `this`, `is_incremental`."""

    def __init__(self, node: dict[str, Any], relations: dict[str, Any], overrides: dict[str, Any]) -> None:
        """`overrides` replace settings of the model's meta, each one a key the meta declares."""
        keys = node["config"].get("config_keys_used") or []
        values = {key: node["config"].get(key) for key in keys}
        if overrides:
            meta = values.get("meta") or {}
            unknown = set(overrides) - set(meta)
            assert not unknown, f"{node['name']} is told no {sorted(unknown)}"
            values["meta"] = meta | overrides
        self.config = StandInConfig(values)
        self._refs = {ref["name"] for ref in node["refs"]}
        self._relations = relations
        self.this = f"{node['schema']}.{node['alias']}"
        self.is_incremental = False

    def ref(self, name: str) -> Any:
        if name not in self._refs:
            raise KeyError(f"dbt found no ref to {name!r} in the model's code, so it would not hand it over")
        return self._relations[name]


def load_shim(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"python_model_{name}", SHIMS[name])
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Warehouse:
    """The DuckDB build: its manifest, its tables in pandas, and Spark copies of every relation a Python
    model refs, in whichever schema dbt built it."""

    def __init__(self, build: DashboardBuild, spark: Any) -> None:
        self.path = build.warehouse
        manifest = json.loads((build.folder / "target" / "manifest.json").read_text(encoding="utf-8"))
        nodes = manifest["nodes"]
        self.nodes = {
            node["name"]: node for node in nodes.values() if node["resource_type"] in {"model", "seed"}
        }
        referenced = {ref["name"] for shim in SHIMS for ref in self.nodes[shim]["refs"]}
        with duckdb.connect(str(self.path), read_only=True) as connection:
            self.relations = {
                name: spark.createDataFrame(
                    connection.sql(f"select * from {self.relation(name)}").fetch_arrow_table()
                )
                for name in sorted(referenced)
            }

    def relation(self, name: str) -> str:
        node = self.nodes[name]
        return f'"{node["schema"]}"."{node["alias"]}"'

    def table(self, name: str) -> pd.DataFrame:
        with duckdb.connect(str(self.path), read_only=True) as connection:
            return connection.sql(f"select * from {self.relation(name)}").df()

    def run(self, name: str, spark: Any, **overrides: Any) -> pd.DataFrame:
        """The shim's result on Spark, collected (these tables are small; a Spark result stays a Spark
        DataFrame until here)."""
        result = load_shim(name).model(StandInDbt(self.nodes[name], self.relations, overrides), spark)
        return result if isinstance(result, pd.DataFrame) else result.toPandas()


@pytest.fixture(scope="module")
def warehouse(dashboard_build: DashboardBuild, spark_session) -> Iterator[Warehouse]:
    yield Warehouse(dashboard_build, spark_session)


def comparable(frame: pd.DataFrame, columns: list[str], keys: list[str] | None = None) -> pd.DataFrame:
    frame = frame[columns]
    if keys:
        frame = frame.sort_values(keys, kind="stable")
    frame = frame.reset_index(drop=True)
    for column in frame.columns:  # bool, boolean and object booleans alike; NULL as None
        if pd.api.types.is_bool_dtype(frame[column]) or frame[column].dtype == "boolean":
            frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


def assert_equal_tables(actual: pd.DataFrame, expected: pd.DataFrame, keys: list[str] | None = None) -> None:
    columns = list(expected.columns)
    assert sorted(actual.columns) == sorted(columns)
    assert len(actual) == len(expected) > 0
    pd.testing.assert_frame_equal(
        comparable(actual, columns, keys),
        comparable(expected, columns, keys),
        check_dtype=False,
        check_exact=True,
    )


def shim_test(name: str, keys: list[str] | None = None) -> Callable[[Warehouse, Any], None]:
    def check(warehouse: Warehouse, spark_session) -> None:
        assert_equal_tables(warehouse.run(name, spark_session), warehouse.table(name), keys)

    return check


def test_model_registry(warehouse: Warehouse, spark_session) -> None:
    """Trained from the Spark DataFrame: the same model (id, family, parameters, CV metrics, out-of-fold
    probabilities) as the DuckDB build; `trained_at` is the run's time; the drift reference is the same
    customers' features, ordered by customer id on Spark."""
    actual = warehouse.run("model_registry", spark_session).iloc[0]
    expected = warehouse.table("model_registry").iloc[0]
    for column in ("model_id", "family", "training_fingerprint", "params_json", "honest_estimate_json"):
        assert actual[column] == expected[column], column
    timed = {"seconds"}  # the run's wall time, never the same twice
    metrics = [
        {k: v for k, v in json.loads(row["metrics_json"]).items() if k not in timed}
        for row in (actual, expected)
    ]
    assert metrics[0] == metrics[1]
    for blob, keys in (("out_of_fold_blob", [CUSTOMER_ID]), ("reliability_blob", None)):
        assert_equal_tables(from_parquet_blob(actual[blob]), from_parquet_blob(expected[blob]), keys)
    timings = ["fit_seconds"]  # wall time of each family's search
    assert_equal_tables(
        from_parquet_blob(actual["candidates_blob"]).drop(columns=timings),
        from_parquet_blob(expected["candidates_blob"]).drop(columns=timings),
    )
    assert_equal_tables(
        from_parquet_blob(actual["reference_features_blob"]),
        from_parquet_blob(expected["reference_features_blob"]),
        list(FEATURES),
    )


test_model_candidates = shim_test("model_candidates")
test_model_reliability = shim_test("model_reliability")
test_customer_predictions = shim_test("customer_predictions", [CUSTOMER_ID])
test_customer_segments = shim_test("customer_segments", [CUSTOMER_ID])
test_customer_feature_contributions = shim_test("customer_feature_contributions", [CUSTOMER_ID, "feature"])
test_feature_importance = shim_test("feature_importance", ["feature"])
test_feature_profile = shim_test("feature_profile")
test_feature_histogram = shim_test("feature_histogram")
test_feature_correlations = shim_test("feature_correlations")
test_feature_drift = shim_test("feature_drift")


def hash_sample(warehouse: Warehouse, spark_session, size: int, seed: int) -> pd.DataFrame:
    """The documented sample, drawn here by its own SQL: the `size` customers with the smallest
    xxhash64(customer_id, seed) mod 2**53, ordered by customer id."""
    warehouse.relations["customer_features"].createOrReplaceTempView("sampled_features")
    return (
        spark_session.sql(
            f"""select * from sampled_features
        order by pmod(xxhash64({CUSTOMER_ID}, {seed}), 9007199254740992), {CUSTOMER_ID} limit {size}"""
        )
        .toPandas()
        .sort_values(CUSTOMER_ID, ignore_index=True)
    )


def test_feature_profile_above_its_row_limit_describes_the_hash_sample(warehouse: Warehouse, spark_session):
    limit, seed = 150, 42
    actual = warehouse.run("feature_profile", spark_session, profiling_row_limit=limit, training_seed=seed)
    sample = hash_sample(warehouse, spark_session, limit, seed)
    assert_equal_tables(actual, profiling.feature_profile(sample))
    numeric = actual.loc[(actual["outcome"] == "all") & (actual["feature_kind"] == "numeric")]
    assert set(numeric["n_values"] + numeric["n_missing"]) == {limit}


def test_feature_correlations_above_its_sample_size_run_on_the_hash_sample(
    warehouse: Warehouse, spark_session
) -> None:
    size, seed = 200, 42
    actual = warehouse.run("feature_correlations", spark_session, correlation_sample_size=size)
    sample = hash_sample(warehouse, spark_session, size, seed)
    settings = warehouse.nodes["feature_correlations"]["config"]["meta"]
    expected = profiling.feature_correlations(
        sample,
        threshold=settings["multicollinearity_threshold"],
        leakage_threshold=settings["leakage_threshold"],
        sample_size=size,
    )
    assert_equal_tables(actual, expected)
    assert actual["n_rows"].max() == size


def test_customer_feature_contributions_above_the_limit_explain_only_actionable_segments(
    warehouse: Warehouse, spark_session
) -> None:
    actual = warehouse.run("customer_feature_contributions", spark_session, explain_everyone_up_to=10)
    grid = warehouse.table("segment_grid")
    actionable = set(grid.loc[grid["is_actionable"].astype(str).str.lower() == "true", "segment"])
    segments = warehouse.table("customer_segments")
    chosen = set(segments.loc[segments["segment"].isin(actionable), CUSTOMER_ID])
    expected = warehouse.table("customer_feature_contributions")
    assert 0 < len(chosen) < len(segments)
    assert_equal_tables(actual, expected.loc[expected[CUSTOMER_ID].isin(chosen)], [CUSTOMER_ID, "feature"])


def test_every_shim_has_its_test_and_reads_no_whole_table() -> None:
    tests = {name for name in globals() if name.startswith("test_")}
    assert {f"test_{name}" for name in SHIMS} <= tests
    for name, path in SHIMS.items():
        calls = {
            node.func.attr
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        }
        assert not calls & {"df", "toPandas", "to_pandas", "fetchdf", "collect"}, name


def test_the_stand_in_refuses_what_dbt_would_not_hand_over(warehouse: Warehouse) -> None:
    dbt = StandInDbt(warehouse.nodes["feature_profile"], warehouse.relations, {})
    with pytest.raises(KeyError, match="model_registry"):
        dbt.ref("model_registry")
    assert dbt.config.get("profiling_row_limit") is None  # a key dbt found no call for
    assert "histogram_bins" not in dbt.config.get("meta")  # another model's setting
    assert dbt.config.get("meta")["profiling_row_limit"] == project_var("profiling_row_limit")  # the var's
    assert LABEL in warehouse.relations["customer_features"].columns
