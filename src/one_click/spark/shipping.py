"""The published model on Spark's workers, and the schemas of what `mapInPandas` returns.

The skops bytes travel once per executor as a broadcast variable; where the session has no SparkContext
(Spark Connect, Databricks' shared and serverless compute) they travel inside the function instead. A Python
worker process deserializes them once (`ShippedModel.load`, cached per process by model id) and keeps the
pipeline for every later batch and task: skops' checks and loading cost far more than scoring a batch.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from one_click.modeling import TrainedModel, load_model

if TYPE_CHECKING:
    from pyspark.sql import SparkSession
    from pyspark.sql.types import DataType, StructType

# Per Python worker process: the one loaded model, and how often each model id was loaded (tests read it).
_LOADED: dict[str, TrainedModel] = {}
LOADS: Counter[str] = Counter()


@dataclass(frozen=True)
class ShippedModel:
    """A published model on its way to the workers: its id, and its bytes as a broadcast or inline."""

    model_id: str
    broadcast: Any | None = None  # pyspark.Broadcast of the skops bytes
    blob: bytes | None = None

    def load(self) -> TrainedModel:
        """The model, deserialized at most once per worker process."""
        model = _LOADED.get(self.model_id)
        if model is None:
            blob = self.broadcast.value if self.broadcast is not None else self.blob
            if blob is None:
                raise ValueError("a shipped model needs either a broadcast or its bytes")
            model = load_model(blob)
            _LOADED.clear()  # one model per worker: a new build's model replaces the last one
            _LOADED[self.model_id] = model
            LOADS[self.model_id] += 1
        return model


def ship_model(session: SparkSession, model_id: str, blob: bytes) -> ShippedModel:
    """Broadcast the model's bytes, or carry them inline where the session cannot broadcast."""
    try:
        context = session.sparkContext
    except Exception:  # Spark Connect has no SparkContext; its error classes differ between versions
        return ShippedModel(model_id, blob=bytes(blob))
    return ShippedModel(model_id, broadcast=context.broadcast(bytes(blob)))


def spark_type_of(values: pd.Series) -> DataType:
    """The Spark type a pandas column becomes: numbers, booleans, timestamps, otherwise text."""
    from pyspark.sql import types as T

    dtype = values.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return T.BooleanType()
    if pd.api.types.is_integer_dtype(dtype):
        return T.LongType()
    if pd.api.types.is_float_dtype(dtype):
        return T.DoubleType()
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return T.TimestampType()
    if (
        pd.api.types.is_object_dtype(dtype)
        and len(values.dropna())
        and isinstance(values.dropna().iloc[0], bool | np.bool_)
    ):
        return T.BooleanType()
    return T.StringType()


def schema_like(example: pd.DataFrame, source: StructType) -> StructType:
    """The schema of frames shaped like `example`: a column named as one of `source` keeps its Spark type
    (customer ids, labels), every other column gets the type its pandas dtype maps to."""
    from pyspark.sql import types as T

    known = {field.name: field.dataType for field in source.fields}
    return T.StructType(
        [
            T.StructField(name, known.get(name) or spark_type_of(example[name]), nullable=True)
            for name in example.columns
        ]
    )


def loads_per_worker(batches: Any, *, model_id: str) -> Any:
    """`mapInPandas` function reporting, per Python worker process, how often it loaded `model_id`."""
    import os

    for _ in batches:
        pass
    yield pd.DataFrame({"pid": [os.getpid()], "loads": [LOADS[model_id]]})
