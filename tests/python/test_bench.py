"""The benchmark's bookkeeping on small hand-made data: steps from run_results, progress lines, tables."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from one_click import bench


def model(path: str, *depends_on: str, language: str | None = None) -> dict[str, object]:
    """A model as dbt's manifest lists it, with only the keys the benchmark reads."""
    node = {"resource_type": "model", "original_file_path": path, "depends_on": {"nodes": list(depends_on)}}
    return node | ({"language": language} if language else {})


def data_test(*depends_on: str) -> dict[str, object]:
    return {"resource_type": "test", "depends_on": {"nodes": list(depends_on)}}


FEATURES, REGISTRY = "model.one_click.customer_features", "model.one_click.model_registry"
MANIFEST = {
    "nodes": {
        "model.one_click.stg_exports__customers": model(
            "models/staging/stg_exports__customers.sql", "source.one_click.exports.market_file"
        ),
        FEATURES: model(
            "models/marts/customer_features.sql", "model.one_click.stg_exports__customers", language="sql"
        ),
        REGISTRY: model("python_models/ml/model_registry.py", FEATURES, language="python"),
        "model.one_click.customer_predictions": model(
            "python_models/ml/customer_predictions.py", REGISTRY, language="python"
        ),
        "model.one_click.model_summary": model("models/marts/ml/model_summary.sql", REGISTRY),
        "test.one_click.market_file_csv__id__not_null.abc": data_test("source.one_click.exports.market_file"),
        "test.one_click.not_null_customer_features_customer_id.def": data_test(FEATURES),
        "test.one_click.every_feature_customer_is_predicted.123": data_test(
            FEATURES, "model.one_click.customer_predictions"
        ),
    }
}


def result(unique_id: str, seconds: float) -> dict[str, object]:
    return {"unique_id": unique_id, "execution_time": seconds, "status": "success"}


RUN_RESULTS = {
    "elapsed_time": 100.0,
    "results": [
        result("operation.one_click.one_click-on-run-start-0", 0.5),
        result("seed.one_click.offer_rules", 0.25),
        result("test.one_click.market_file_csv__id__not_null.abc", 2.0),
        result("model.one_click.stg_exports__customers", 0.25),
        result("model.one_click.customer_features", 3.0),
        result("test.one_click.not_null_customer_features_customer_id.def", 1.0),
        result("model.one_click.model_registry", 80.0),
        result("model.one_click.model_summary", 0.5),
        result("model.one_click.customer_predictions", 4.0),
        result("test.one_click.every_feature_customer_is_predicted.123", 1.5),
        result("unit_test.one_click.stg_exports__customers.fixes_typos", 0.5),
    ],
}

LOG = (
    "\x1b[0m14:45:41.185928 [info ] [Thread-1 (]: model_registry: [   0.0s] 1296 labelled customers\n"
    "\x1b[0m14:45:57.904801 [debug] [Thread-1 (]: On model.one_click.model_registry: BEGIN\n"
    "\x1b[0m14:46:43.015461 [info ] [Thread-1 (]: model_registry: [  61.5s] selected hgb\n"
    "\x1b[0m14:46:45.770612 [info ] [Thread-1 (]: model_registry: [  64.6s] 5 out-of-fold fits done\n"
    "\x1b[0m14:46:52.208386 [info ] [Thread-1 (]: customer_feature_contributions: "
    "explaining 1200 of 1296 customers\n"
    "\x1b[0m14:46:53.000000 [info ] [MainThread]: Finished running 5 exposures\n"
)
MODELS = ("model_registry", "customer_feature_contributions", "customer_predictions")


def test_nodes_are_grouped_into_steps():
    step = lambda uid: bench.node_step(uid, MANIFEST)  # noqa: E731
    assert step("operation.one_click.one_click-on-run-start-0") == "ingest"
    assert step("seed.one_click.offer_rules") == "ingest"
    assert step("test.one_click.market_file_csv__id__not_null.abc") == "ingest"
    assert step("model.one_click.stg_exports__customers") == "features"
    assert step("model.one_click.customer_features") == "features"
    assert step("test.one_click.not_null_customer_features_customer_id.def") == "features"
    # A test of several nodes counts towards the latest step among them.
    assert step("test.one_click.every_feature_customer_is_predicted.123") == "scoring"
    assert step("model.one_click.model_summary") == "other"
    assert step("unit_test.one_click.stg_exports__customers.fixes_typos") == "other"
    assert step("model.one_click.not_in_the_manifest") == "other"


def test_progress_lines_are_read_from_dbts_log():
    progress = bench.parse_progress(LOG, MODELS)
    assert [line["model"] for line in progress] == ["model_registry"] * 3 + ["customer_feature_contributions"]
    assert progress[1] == {
        "clock": "14:46:43.015461",
        "model": "model_registry",
        "message": "[  61.5s] selected hgb",
    }
    assert bench.selection_seconds(progress) == 61.5
    assert bench.explained_customers(progress) == (1200, 1296)
    assert bench.explained_customers([]) == (None, None)


def test_steps_split_the_registry_at_the_selection_line():
    progress = bench.parse_progress(LOG, MODELS)
    steps = bench.steps_from_run(RUN_RESULTS, MANIFEST, progress, wall_seconds=110.0)
    assert set(steps) == {*bench.STEPS, "dbt_overhead"}
    assert steps["ingest"] == pytest.approx(2.75)
    assert steps["features"] == pytest.approx(4.25)
    assert steps["selection"] == pytest.approx(61.5)
    assert steps["final_fit"] == pytest.approx(18.5)
    assert steps["scoring"] == pytest.approx(5.5)
    assert steps["other"] == pytest.approx(1.0)
    node_total = sum(r["execution_time"] for r in RUN_RESULTS["results"])
    assert sum(v for k, v in steps.items() if k != "dbt_overhead") == pytest.approx(node_total)
    assert steps["dbt_overhead"] == pytest.approx(110.0 - node_total)


def test_without_a_selection_line_the_registry_is_all_final_fit():
    steps = bench.steps_from_run(RUN_RESULTS, MANIFEST, [])
    assert steps["selection"] == 0.0
    assert steps["final_fit"] == pytest.approx(80.0)
    assert "dbt_overhead" not in steps


def test_python_part_sums_the_python_models_only():
    assert bench.python_model_seconds(RUN_RESULTS, MANIFEST) == pytest.approx(80.0 + 4.0)


def run(customers: int, kind: str, wall: float, **steps: float) -> dict[str, object]:
    return {
        "customers": customers,
        "kind": kind,
        "command": "dbt build --vars '{}'",
        "returncode": 0,
        "wall_seconds": wall,
        "peak_tree_rss_mb": customers / 1000,
        "max_process_rss_mb": customers / 2000,
        "load_before": 1.0,
        "load_during": 2.5,
        "steps": dict.fromkeys([*bench.STEPS, "dbt_overhead"], 0.0) | steps,
    }


RUNS = [
    run(1_000, "full", 20.0, selection=10.0, scoring=1.0)
    | {"explained_customers": 900, "full_parse": True, "generate_seconds": 3.5, "python_seconds": 12.5},
    run(1_000, "scoring_only", 5.0, scoring=1.0) | {"full_parse": False},
    run(100_000, "full", 200.0, selection=10.0, scoring=100.0),
]


def test_table_has_a_row_per_run_and_only_steps_that_took_time():
    table = bench.render_table(RUNS).splitlines()
    assert len(table) == 2 + len(RUNS)
    assert "model selection" in table[0] and "scoring" in table[0]
    assert "segments" not in table[0]  # zero everywhere: no column
    assert table[3].startswith("| 1,000 | scoring-only | 0 | – | – | partial | 5.0 | – | – | 1 | 1.0 → 2.5 |")
    assert table[2].startswith("| 1,000 | full | 0 | 900 | 3.5 | full | 20.0 | – | 12.5 |")
    assert all(line.count("|") == table[0].count("|") for line in table)


def test_growth_reads_the_exponent_between_sizes():
    assert bench.growth_exponent(1_000, 1.0, 100_000, 100.0) == pytest.approx(1.0)
    assert bench.growth_exponent(1_000, 10.0, 100_000, 10.0) == pytest.approx(0.0)
    assert bench.growth_exponent(1_000, 0.0, 100_000, 10.0) is None
    growth = bench.render_growth(RUNS)
    assert "1,000 → 100,000" in growth
    rows = {
        line.split(" | ")[0].strip("| "): line.rsplit(" | ", 1)[1].strip(" |")
        for line in growth.splitlines()[2:]
    }
    assert rows["model selection"] == "0.00"
    assert rows["scoring"] == "1.00"
    assert rows["wall"] == "0.50"
    assert "Fewer than two" in bench.render_growth(RUNS[:2])


def test_docs_keep_the_text_around_the_generated_block(tmp_path: Path):
    results = {
        "machine": {"cpu_model": "Test CPU", "nproc": 2, "memory_gb": 4.0, "platform": "x", "python": "3.11"},
        "sizes": [1_000, 100_000],
        "seed": 42,
        "runs": RUNS,
    }
    docs = tmp_path / "benchmarks.md"
    bench.write_docs(results, docs)
    first = docs.read_text(encoding="utf-8")
    assert first.startswith("# Benchmarks") and "Test CPU, nproc 2" in first
    docs.write_text(first.replace("# Benchmarks\n", "# Benchmarks\n\nintro\n") + "\nnotes by hand\n")
    results["machine"]["cpu_model"] = "Other CPU"
    bench.write_docs(results, docs)
    second = docs.read_text(encoding="utf-8")
    assert "intro" in second and "notes by hand" in second
    assert "Other CPU" in second and "Test CPU" not in second
    assert second.count(bench.BEGIN) == 1 and second.count(bench.END) == 1


def test_render_command_reads_a_results_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    results = {"machine": bench.machine_info(), "sizes": [1_000], "seed": 42, "runs": RUNS[:2]}
    path = tmp_path / "results.json"
    path.write_text(json.dumps(results))
    bench.main(["render", "--results", str(path)])
    assert "| 1,000 | full |" in capsys.readouterr().out


def test_tree_rss_counts_this_process():
    assert bench.tree_rss(os.getpid()) > 0
    assert bench.count_customers(bench.SAMPLE_DIR) > 0


def test_silences_are_the_longest_gaps_between_console_lines():
    log = (
        "\x1b[0m23:59:00.000000 [info ] [MainThread]: Running with dbt=1.11.16\n"
        "\x1b[0m23:59:05.000000 [info ] [Thread-1 (]: model_registry: [ 1.0s] selected hgb\n"
        "\x1b[0m23:59:40.000000 [debug] [Thread-1 (]: a debug line is not on the console\n"
        "\x1b[0m00:00:35.000000 [info ] [Thread-1 (]: model_registry: [ 91.0s] fits done\n"
        "\x1b[0m00:00:36.000000 [info ] [Thread-1 (]: \n"
        "\x1b[0m00:01:00.000000 [info ] [MainThread]: Finished running\n"
    )
    gaps = bench.silent_gaps(log, at_least=20.0)
    assert gaps == [
        {"seconds": 90.0, "after": "model_registry: [ 1.0s] selected hgb"},
        {"seconds": 25.0, "after": "model_registry: [ 91.0s] fits done"},
    ]
    assert bench.silent_gaps(log, at_least=20.0, top=1) == gaps[:1]
    rendered = bench.render_silences([{"kind": "full", "customers": 1_000, "silent_gaps": gaps}])
    assert "| 1,000 | 90 | `model_registry: [ 1.0s] selected hgb` |" in rendered
    assert "No silence" in bench.render_silences([{"kind": "full", "customers": 1_000, "silent_gaps": []}])


@pytest.mark.dbt
def test_bench_command_runs_a_small_size_end_to_end(tmp_path: Path):
    """`make bench` at a size CI can afford: export written, dbt build timed, table written."""
    docs = tmp_path / "benchmarks.md"
    work_dir = tmp_path / "bench"
    bench.main(
        ["run", "--sizes", "2000", "--work-dir", str(work_dir), "--no-scoring-only", "--docs", str(docs)]
    )
    results = json.loads((work_dir / "results.json").read_text(encoding="utf-8"))
    (run,) = results["runs"]
    assert run["returncode"] == 0, (work_dir / "runs" / "2000" / "dbt_full.out").read_text()[-3000:]
    assert run["generate_seconds"] > 0
    assert run["active_customers"] > 1_900 and run["explained_customers"] == run["active_customers"]
    assert (
        run["steps"]["selection"] > 0 and run["steps"]["final_fit"] > 0 and run["steps"]["explanations"] > 0
    )
    assert 0 < run["python_seconds"] < run["wall_seconds"]
    assert run["peak_tree_rss_mb"] >= run["max_process_rss_mb"] > 100
    assert "| 2,000 | full | 0 | " in docs.read_text(encoding="utf-8")


def test_units_and_breakdown_read_the_runs():
    runs = [
        run(1_300, "full", 30.0, selection=10.0)
        | {
            "units": 6.0,
            "python_seconds": 12.0,
            "nodes": {"model.one_click.a": 13.0, "test.one_click.t": 2.0},
        },
        run(1_300, "scoring_only", 10.0)
        | {"units": 2.0, "python_seconds": 4.0, "nodes": {"model.one_click.b": 5.0}},
    ]
    units = bench.render_units({"unit_seconds": 5.0, "unit_samples": [5.0, 5.1, 4.9], "runs": runs})
    assert "**5.00 s**" in units
    assert "| 1,300 | full | 30.0 | 6.00 | ≤ 6 |" in units
    assert "| 1,300 | scoring-only | 10.0 | 2.00 | ≤ 2.5 |" in units
    assert "No unit" in bench.render_units({"runs": runs})
    breakdown = bench.node_breakdown(runs[0])
    assert breakdown["sql"] == (1, 1.0) and breakdown["python"] == (0, 12.0)
    assert breakdown["test"] == (1, 2.0) and breakdown["outside"] == (0, 15.0)
