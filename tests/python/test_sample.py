"""The sample generator: the store's exact file format, its defects and a realistic feature-label relation."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from one_click import exports as ex
from one_click.sample import FIRST_CUSTOMER_ID, generate_exports, main, write_exports

REAL_EXPORTS = Path(__file__).parents[2] / ".." / "shared" / "data" / "one_click_exports"
N = 1300
SEED = 7
REAL_DECLINED_SHARE = 0.383  # measured on the store's exports
LABEL = ex.MARKET_FILE.columns[1]
CATEGORICAL = [*ex.MARKET_FILE.columns[2:4], "Популярная_категория"]


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    write_exports(generate_exports(N, SEED), out)
    return out


def read_exports(folder: Path) -> dict[str, pd.DataFrame]:
    return {
        e.file_name: pd.read_csv(folder / e.file_name, sep=e.delimiter, decimal=e.decimal)
        for e in ex.ALL_EXPORTS
    }


def lines(path: Path) -> list[bytes]:
    return path.read_bytes().split(b"\r\n")[:-1]


def feature_frame(frames: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, np.ndarray]:
    """One row per customer as the brief's measurement has it; zero-revenue customers dropped."""
    money, time = frames[ex.MARKET_MONEY.file_name], frames[ex.MARKET_TIME.file_name]
    revenue = money.pivot(index="id", columns="Период", values="Выручка")[list(ex.REVENUE_PERIODS)]
    minutes = time.pivot(index="id", columns="Период", values="минут")[list(ex.TIME_PERIODS)]
    revenue.columns = [f"revenue_{i}" for i in range(3)]
    minutes.columns = [f"minutes_{i}" for i in range(2)]
    df = frames[ex.MARKET_FILE.file_name].set_index("id").join(revenue).join(minutes)
    df = df[(df["revenue_0"] > 0) & (df["revenue_1"] > 0)]
    y = (df.pop(LABEL) == ex.ACTIVITY_DECLINED).to_numpy(dtype=int)
    return df, y


def logistic_auc(X: pd.DataFrame, y: np.ndarray) -> float:
    numeric = [c for c in X.columns if c not in CATEGORICAL]
    model = make_pipeline(
        ColumnTransformer(
            [("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL), ("num", StandardScaler(), numeric)]
        ),
        LogisticRegression(max_iter=2000),
    )
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    return float(cross_val_score(model, X, y, cv=cv, scoring="roc_auc").mean())


# --- format ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("export", ex.ALL_EXPORTS, ids=lambda e: e.file_name)
def test_header_line_ends_and_encoding(sample_dir: Path, export: ex.ExportFile) -> None:
    raw = (sample_dir / export.file_name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no BOM"
    assert raw.endswith(b"\r\n")
    assert raw.count(b"\n") == raw.count(b"\r\n"), "every line ends with CRLF"
    assert b'"' not in raw
    header = raw.decode("utf-8").split("\r\n", 1)[0]
    assert header == export.delimiter.join(export.columns)


@pytest.mark.parametrize(
    ("export", "rows_per_customer"),
    [(ex.MARKET_FILE, 1), (ex.MARKET_MONEY, 3), (ex.MARKET_TIME, 2), (ex.MONEY, 1)],
    ids=lambda v: getattr(v, "file_name", str(v)),
)
def test_row_counts(sample_dir: Path, export: ex.ExportFile, rows_per_customer: int) -> None:
    body = lines(sample_dir / export.file_name)[1:]
    assert len(body) == N * rows_per_customer
    assert {row.count(export.delimiter.encode()) for row in body} == {len(export.columns) - 1}


def test_money_uses_semicolons_and_decimal_commas(sample_dir: Path) -> None:
    body = [row.decode() for row in lines(sample_dir / ex.MONEY.file_name)[1:]]
    assert all(re.fullmatch(r"\d{8};\d+(,\d{1,2})?", row) for row in body), body[:5]
    assert sum("," in row for row in body) > 0.9 * len(body)
    # Like the store's export, no trailing zeros: 5 is written «5», 4.10 «4,1».
    assert not [row for row in body if re.search(r",\d?0$", row)]


def test_market_file_number_formats(sample_dir: Path) -> None:
    rows = [row.decode().split(",") for row in lines(sample_dir / ex.MARKET_FILE.file_name)[1:]]
    columns = {name: [row[i] for row in rows] for i, name in enumerate(ex.MARKET_FILE.columns)}
    assert all(re.fullmatch(r"\d\.\d", v) for v in columns["Маркет_актив_6_мес"])
    assert all(re.fullmatch(r"0\.\d{1,2}", v) for v in columns["Акционные_покупки"])
    for name in ("Маркет_актив_тек_мес", "Длительность", "Страниц_за_визит", "Ошибка_сервиса"):
        assert all(v.isdigit() for v in columns[name]), name


def test_revenue_and_minutes_formats(sample_dir: Path) -> None:
    money = [row.decode().split(",") for row in lines(sample_dir / ex.MARKET_MONEY.file_name)[1:]]
    assert all(re.fullmatch(r"\d+\.\d", revenue) for _, _, revenue in money)
    time = [row.decode().split(",") for row in lines(sample_dir / ex.MARKET_TIME.file_name)[1:]]
    assert all(minutes.isdigit() for _, _, minutes in time)


def test_vocabularies(sample_dir: Path) -> None:
    frames = read_exports(sample_dir)
    market = frames[ex.MARKET_FILE.file_name]
    assert set(market[LABEL]) == {ex.ACTIVITY_KEPT, ex.ACTIVITY_DECLINED}
    assert set(market["Тип сервиса"]) == {*ex.SERVICE_TYPES, ex.SERVICE_TYPE_TYPO}
    assert set(market["Разрешить сообщать"]) == {ex.CONSENT_YES, ex.CONSENT_NO}
    assert set(market["Популярная_категория"]) == {ex.CATEGORY_TYPOS.get(c, c) for c in ex.CATEGORIES}
    assert set(frames[ex.MARKET_MONEY.file_name]["Период"]) == set(ex.REVENUE_PERIODS)
    assert set(frames[ex.MARKET_TIME.file_name]["Период"]) == set(ex.TIME_PERIODS)


def test_ids_are_ours_increasing_and_grouped(sample_dir: Path) -> None:
    frames = read_exports(sample_dir)
    ids = frames[ex.MARKET_FILE.file_name]["id"].to_numpy()
    assert ids[0] == FIRST_CUSTOMER_ID
    assert (np.diff(ids) > 0).all()
    assert (np.diff(ids) > 1).any(), "gaps, as in the store's ids"
    assert not ((ids >= 215_000) & (ids <= 217_000)).any()
    assert (frames[ex.MONEY.file_name]["id"].to_numpy() == ids).all()
    for export, per_customer in ((ex.MARKET_MONEY, 3), (ex.MARKET_TIME, 2)):
        long_ids = frames[export.file_name]["id"].to_numpy()
        assert (long_ids == np.repeat(ids, per_customer)).all(), export.file_name
        assert frames[export.file_name].groupby("id")["Период"].nunique().eq(per_customer).all()


# --- determinism -------------------------------------------------------------------------------------------


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    write_exports(generate_exports(300, 11), tmp_path / "a")
    write_exports(generate_exports(300, 11), tmp_path / "b")
    for export in ex.ALL_EXPORTS:
        a, b = (tmp_path / d / export.file_name for d in ("a", "b"))
        assert a.read_bytes() == b.read_bytes(), export.file_name


def test_different_seeds_differ() -> None:
    a, b = generate_exports(300, 1), generate_exports(300, 2)
    for name in a:
        assert not a[name].equals(b[name]), name


def test_cli_writes_the_four_files(tmp_path: Path) -> None:
    main(["--customers", "150", "--out", str(tmp_path), "--seed", "3"])
    for export in ex.ALL_EXPORTS:
        assert len(lines(tmp_path / export.file_name)) > 150


def test_rejects_empty_sample() -> None:
    with pytest.raises(ValueError):
        generate_exports(0, 1)


# --- defects -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [100, N])
def test_defects_are_present(n: int) -> None:
    frames = generate_exports(n, SEED)
    market = frames[ex.MARKET_FILE.file_name]
    typo_share = (market["Тип сервиса"] == ex.SERVICE_TYPE_TYPO).mean()
    assert 0 < typo_share < 0.03
    assert "Косметика и аксессуары" not in set(market["Популярная_категория"])
    assert (market["Популярная_категория"] == "Косметика и аксесуары").any()
    assert "предыдцщий_месяц" in set(frames[ex.MARKET_TIME.file_name]["Период"])

    revenue = frames[ex.MARKET_MONEY.file_name].pivot(index="id", columns="Период", values="Выручка")
    earlier = revenue[["препредыдущий_месяц", "предыдущий_месяц"]]
    zero = earlier.eq(0).all(axis=1)
    assert 1 <= zero.sum() <= max(1, 0.01 * n)
    assert earlier.eq(0).any(axis=1).equals(zero), "zero in both earlier months or in neither"
    assert (revenue.loc[zero, "текущий_месяц"] > 0).all()
    declined = market.set_index("id")[LABEL].eq(ex.ACTIVITY_DECLINED)
    assert declined[zero[zero].index].all()

    typical = revenue["текущий_месяц"].median()
    extreme = revenue[revenue.gt(10 * typical).any(axis=1)]
    assert len(extreme) == 1, "exactly one extreme revenue"
    assert 15 * typical < extreme["текущий_месяц"].iloc[0] < 30 * typical
    assert (revenue.drop(index=extreme.index).to_numpy() < 3 * typical).all()


# --- realism -----------------------------------------------------------------------------------------------


def test_label_rate(sample_dir: Path) -> None:
    declined = read_exports(sample_dir)[ex.MARKET_FILE.file_name][LABEL].eq(ex.ACTIVITY_DECLINED)
    assert abs(declined.mean() - REAL_DECLINED_SHARE) < 0.04


def test_relation_strength(sample_dir: Path) -> None:
    X, y = feature_frame(read_exports(sample_dir))
    assert 0.86 <= logistic_auc(X, y) <= 0.95


def test_no_feature_separates_the_classes_alone(sample_dir: Path) -> None:
    X, y = feature_frame(read_exports(sample_dir))
    for name in X.columns.drop(CATEGORICAL):
        auc = roc_auc_score(y, X[name])
        assert max(auc, 1 - auc) < 0.88, name


@pytest.mark.real_exports
def test_matches_the_real_exports(tmp_path: Path) -> None:
    if not all((REAL_EXPORTS / e.file_name).is_file() for e in ex.ALL_EXPORTS):
        pytest.skip(f"the store's exports are not at {REAL_EXPORTS}")
    X_real, y_real = feature_frame(read_exports(REAL_EXPORTS))
    # A large sample, so the comparison tests the calibration rather than the sampling noise.
    write_exports(generate_exports(20_000, SEED), tmp_path)
    X_sample, y_sample = feature_frame(read_exports(tmp_path))

    assert abs(y_sample.mean() - y_real.mean()) < 0.02
    numeric = X_real.columns.drop(CATEGORICAL)
    for label in (0, 1):
        real, synthetic = X_real.loc[y_real == label, numeric], X_sample.loc[y_sample == label, numeric]
        # The one extreme revenue would dominate a mean of 400 customers.
        real, synthetic = real[real["revenue_2"] < 20_000], synthetic[synthetic["revenue_2"] < 20_000]
        gap = (synthetic.mean() - real.mean()).abs() / real.std()
        assert (gap < 0.15).all(), f"class {label}: {gap[gap >= 0.15].round(3).to_dict()}"

    n = len(y_real)
    real_auc, sample_auc = logistic_auc(X_real, y_real), logistic_auc(X_sample.iloc[:n], y_sample[:n])
    assert abs(sample_auc - real_auc) < 0.04, (real_auc, sample_auc)
