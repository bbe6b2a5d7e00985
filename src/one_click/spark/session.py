"""A local SparkSession for tests and benchmarks: one JVM, both cores, no UI, few shuffle partitions."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


def java_available() -> bool:
    """True when a `java` binary is on PATH or under JAVA_HOME (pyspark starts its JVM with it)."""
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").is_file():
        return True
    return shutil.which("java") is not None


def local_session(
    *,
    cores: int = 2,
    shuffle_partitions: int = 4,
    driver_memory: str = "2g",
    warehouse_dir: Path | None = None,
    app_name: str = "one_click",
) -> SparkSession:
    """A `local[cores]` session (or the one already running in this process).

    Arrow moves pandas frames in and out of the JVM (`createDataFrame`, `toPandas`); the default of 200
    shuffle partitions would cost more in task start-ups than a machine of two cores gains from them.
    """
    from pyspark.sql import SparkSession

    # Python workers run this very interpreter (and so this environment's packages), not whatever `python3`
    # is first on PATH; pyspark reads the variable when the session starts.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName(app_name)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", str(shuffle_partitions))
        .config("spark.default.parallelism", str(cores))
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.driver.memory", driver_memory)
    )
    if warehouse_dir is not None:
        builder = builder.config("spark.sql.warehouse.dir", str(warehouse_dir))
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session
