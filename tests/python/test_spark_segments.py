"""Value-band edges computed by Spark are pandas' quantiles bit for bit: numpy's interpolation (checked
without Spark) between order statistics Spark finds exactly (checked on a local Spark, with ties)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from one_click.spark.segments import exact_quantile, lerp, linear_quantile_position


@pytest.mark.parametrize("count", [1, 2, 3, 10, 999, 1000, 1037, 100_003])
@pytest.mark.parametrize("q", [0.0, 0.25, 1 / 3, 0.3333, 0.5, 2 / 3, 0.6667, 0.9, 1.0])
def test_numpy_interpolation_is_reproduced_from_two_order_statistics(count: int, q: float) -> None:
    values = np.sort(np.random.default_rng(count).normal(4.0, 1.0, count).round(2))
    lower, upper, weight = linear_quantile_position(count, q)
    assert lerp(values[lower], values[upper], weight) == pd.Series(values).quantile(q)


@pytest.mark.spark
@pytest.mark.xdist_group("spark")
@pytest.mark.parametrize("count", [1, 7, 1037, 5000])
def test_spark_quantiles_equal_pandas(spark_session, count: int) -> None:
    rng = np.random.default_rng(count)
    profit = pd.Series(rng.choice(np.arange(200) / 7, count))  # many ties
    profit[rng.random(count) < 0.05] = np.nan  # NULLs are skipped, as pandas skips NaN
    frame = spark_session.createDataFrame(pd.DataFrame({"monthly_profit": profit})).repartition(3)
    for q in (0.3333, 0.5, 0.6667):
        assert exact_quantile(frame, "monthly_profit", q) == profit.quantile(q)
