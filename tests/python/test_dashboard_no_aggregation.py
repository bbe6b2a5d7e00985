"""The marts own every number: the dashboard's code only selects, filters, sorts and formats.

Every dashboard source (`dashboard/` and `src/one_click/dashboard/`) is parsed with `ast` and searched for
what would compute a figure instead of showing a mart's column:

* pandas / numpy reductions, grouping, joining and reshaping, as methods or attributes (`frame.sum()`,
  `x.groupby`, `pd.concat`, `a.merge`, `np.mean`, ...); `str.join` is allowed on a string literal only
  (`", ".join(names)`), since on anything else it cannot be told from `DataFrame.join`;
* Altair transforms other than `transform_filter`, the `aggregate=` and `op=` keywords, binning other than
  `bin="binned"` (edges the mart already computed), normalised stacks, and aggregate shorthands in encoding
  strings (`"sum(expected_loss):Q"`, `"count()"`);
* the builtins `sum`, `min` and `max`, and imports of numpy, statistics, `collections.Counter`,
  `itertools.groupby`, `functools.reduce` or an SQL engine (a query can aggregate as well as pandas can).

Names are matched wherever they appear, whatever the receiver: the rule cannot know a variable's type, so it
forbids the name (there are always other words for a helper that is not an aggregate). The one exception is
written down here, not hidden in the code: `checks.py` counts the last dbt run's statuses in
run_results.json, which no mart can hold (see its docstring).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from dbt_cli import PROJECT_ROOT

SOURCES = sorted(
    [
        *(PROJECT_ROOT / "dashboard").rglob("*.py"),
        *(PROJECT_ROOT / "src" / "one_click" / "dashboard").rglob("*.py"),
    ]
)

GROUPING_JOINING_RESHAPING = (
    "groupby merge merge_asof merge_ordered join concat pivot pivot_table crosstab melt stack unstack "
    "explode wide_to_long get_dummies cut qcut resample rolling expanding ewm transform apply "
    "applymap pipe reduce"
)
REDUCTIONS_AND_STATISTICS = (
    "agg aggregate value_counts sum mean count size nunique unique median std var min max prod product "
    "quantile describe mode sem skew kurt cumsum cumprod cummax cummin idxmax idxmin corr cov diff "
    "pct_change rank average bincount histogram"
)
FORBIDDEN_ATTRIBUTES = frozenset(f"{GROUPING_JOINING_RESHAPING} {REDUCTIONS_AND_STATISTICS}".split())
ALLOWED_ALTAIR_TRANSFORMS = frozenset({"transform_filter"})
FORBIDDEN_KEYWORDS = frozenset({"aggregate", "op"})
FORBIDDEN_BUILTINS = frozenset({"sum", "min", "max"})
FORBIDDEN_MODULES = frozenset(
    {"numpy", "statistics", "duckdb", "sqlite3", "polars", "sqlalchemy", "pandasql"}
)
FORBIDDEN_IMPORTED_NAMES = frozenset({"Counter", "groupby", "reduce"})
# Vega-Lite aggregate ops written as encoding shorthand: "sum(field)", "count()", "mean(x):Q".
AGGREGATE_SHORTHAND = re.compile(
    r"^\s*(argmax|argmin|average|count|distinct|max|mean|median|min|missing|product|q1|q3|ci0|ci1|stderr|"
    r"stdev|stdevp|sum|valid|values|variance|variancep)\([^()]*\)(:[QNOTG])?\s*$"
)
# The exception: counting the statuses of the last dbt run (not a mart) in checks.py.
EXEMPTIONS: dict[str, frozenset[str]] = {"src/one_click/dashboard/checks.py": frozenset({"Counter", "sum"})}


@dataclass(frozen=True)
class Violation:
    line: int
    what: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.what}"


def violations(source: str, exempt: frozenset[str] = frozenset()) -> list[Violation]:
    """Everything in `source` that computes rather than selects, filters, sorts or formats."""
    found: list[Violation] = []

    def flag(node: ast.AST, name: str, what: str) -> None:
        if name not in exempt:
            found.append(Violation(getattr(node, "lineno", 0), what))

    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute):
            name = node.attr
            if name == "join" and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                continue  # ", ".join(names): text, not a table join
            if name in FORBIDDEN_ATTRIBUTES:
                flag(node, name, f".{name}")
            elif name.startswith("transform_") and name not in ALLOWED_ALTAIR_TRANSFORMS:
                flag(node, name, f"Altair .{name}")
        elif isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name) and node.func.id in FORBIDDEN_BUILTINS:
                flag(node, node.func.id, f"builtin {node.func.id}()")
            for keyword in node.keywords:
                _check_keyword(keyword, flag)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if AGGREGATE_SHORTHAND.match(node.value):
                flag(node, "shorthand", f"aggregate shorthand {node.value!r}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in FORBIDDEN_MODULES:
                    flag(node, alias.name, f"import {alias.name}")
        elif isinstance(node, ast.ImportFrom):
            module = (node.module or "").split(".")[0]
            if module in FORBIDDEN_MODULES:
                flag(node, module, f"from {node.module} import")
            for alias in node.names:
                if alias.name in FORBIDDEN_IMPORTED_NAMES:
                    flag(node, alias.name, f"from {node.module} import {alias.name}")
        elif isinstance(node, ast.Name) and node.id in FORBIDDEN_IMPORTED_NAMES:
            flag(node, node.id, f"{node.id}")
    return found


def _check_keyword(keyword: ast.keyword, flag) -> None:  # type: ignore[no-untyped-def]
    value = keyword.value
    constant = value.value if isinstance(value, ast.Constant) else ...
    if keyword.arg in FORBIDDEN_KEYWORDS:
        flag(keyword.value, keyword.arg, f"{keyword.arg}= keyword")
    elif keyword.arg == "bin" and constant != "binned":
        flag(keyword.value, "bin", "bin= other than 'binned' (Vega-Lite would count the rows per bin)")
    elif keyword.arg == "stack" and constant not in (None, False, "zero"):
        flag(keyword.value, "stack", f"stack={ast.unparse(value)} (a normalised stack computes shares)")


def relative(path: Path) -> str:
    return path.relative_to(PROJECT_ROOT).as_posix()


def test_the_dashboard_sources_are_all_scanned() -> None:
    names = {relative(path) for path in SOURCES}
    assert "dashboard/app.py" in names
    assert {
        f"dashboard/views/{page}.py" for page in ("overview", "segments", "customers", "drivers", "data")
    } <= names
    assert {
        f"src/one_click/dashboard/{module}.py" for module in ("ui", "charts", "labels", "snapshot")
    } <= names
    assert set(EXEMPTIONS) <= names  # an exemption for a file that no longer exists would hide nothing


@pytest.mark.parametrize("path", SOURCES, ids=relative)
def test_dashboard_code_does_not_aggregate(path: Path) -> None:
    found = violations(path.read_text(encoding="utf-8"), EXEMPTIONS.get(relative(path), frozenset()))
    assert not found, "\n".join(str(violation) for violation in found)


@pytest.mark.parametrize(
    "snippet",
    [
        "frame.groupby('segment')['expected_loss'].sum()",
        "total = frame['expected_loss'].sum()",
        "share = (frame['risk_band'] == 'high').mean()",
        "counts = frame['psi_flag'].value_counts()",
        "rows = frame.agg({'x': 'sum'})",
        "both = pd.concat([left, right])",
        "both = left.merge(right, on='customer_id')",
        "both = left.join(right)",
        "text = separator.join(values)",
        "wide = frame.pivot_table(index='segment', columns='feature')",
        "long = frame.melt(id_vars='segment')",
        "table = pd.crosstab(frame['a'], frame['b'])",
        "wide = frame.set_index(['a', 'b']).unstack()",
        "size = frame['segment'].nunique()",
        "chart = alt.Chart(frame).transform_aggregate(total='sum(loss)', groupby=['segment'])",
        "chart = alt.Chart(frame).transform_joinaggregate(total='sum(loss)')",
        "chart = alt.Chart(frame).transform_pivot('feature', value='mean')",
        "chart = alt.Chart(frame).encode(x='sum(expected_loss):Q')",
        "chart = alt.Chart(frame).encode(x='count()')",
        "chart = alt.Chart(frame).encode(x=alt.X('expected_loss', aggregate='sum'))",
        "chart = alt.Chart(frame).encode(x=alt.X('decline_probability:Q', bin=True), y='count()')",
        "chart = alt.Chart(frame).encode(x=alt.X('share:Q', stack='normalize'))",
        "order = alt.EncodingSortField('loss', op='sum')",
        "total = sum(frame['expected_loss'])",
        "largest = max(frame['expected_loss'])",
        "import numpy as np",
        "from collections import Counter",
        "import duckdb",
    ],
)
def test_the_rule_catches_aggregation(snippet: str) -> None:
    assert violations(snippet), f"not caught: {snippet}"


@pytest.mark.parametrize(
    "snippet",
    [
        "shown = frame[frame['segment'].isin(chosen)].sort_values('expected_loss_rank').head(500)",
        "row = frame.iloc[0]",
        "text = ', '.join(names)",
        "frame = frame.assign(text=[fmt_share(value) for value in frame['share']])",
        "chart = alt.Chart(frame).encode(x=alt.X('bin_lower:Q', bin='binned'), x2='bin_upper:Q')",
        "chart = alt.Chart(frame).mark_rect().transform_filter('datum.is_target_segment')",
        "names = dict(zip(frame['code'], frame['display_name'], strict=True))",
        "st.caption('Сумма по покупателям (sum) — в витрине')",
    ],
)
def test_the_rule_lets_selecting_filtering_sorting_and_formatting_through(snippet: str) -> None:
    assert not violations(snippet)


def test_an_exemption_covers_only_the_names_it_lists() -> None:
    counting = (
        "from collections import Counter\nby_status = Counter(statuses)\ntotal = sum(by_status.values())"
    )
    assert not violations(counting, EXEMPTIONS["src/one_click/dashboard/checks.py"])
    assert violations(
        counting + "\nmean = frame['x'].mean()", EXEMPTIONS["src/one_click/dashboard/checks.py"]
    )
