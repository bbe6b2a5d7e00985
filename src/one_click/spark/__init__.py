"""The Python models' logic on Spark: scoring, SHAP explanations and segments of a Spark DataFrame of
`customer_features`, for a store that outgrows one machine (Databricks, or any Spark with these packages).

Every per-customer step is a `mapInPandas` over the rows: the published model's skops bytes are shipped to
the workers once (a broadcast variable; captured in the function where the session has no SparkContext, as
on Spark Connect) and each Python worker loads the pipeline once and keeps it for every batch it is handed.
Each batch runs the very pandas code of `one_click.modeling` and `one_click.segments`, so a customer's
probability, contributions and segment are those the DuckDB build gives, bit for bit.

Only bounded data reaches the driver:

* model selection and the final fit run on the driver on a stratified sample of at most
  `TRAINING_ROW_LIMIT` labelled customers (selection itself on `selection_sample_size` of them, as on DuckDB);
  below the limit that sample is every labelled customer and the model is the DuckDB build's model;
* the drift reference (`REFERENCE_SAMPLE_SIZE` customers), the importance sample (`importance_sample_size`);
* the published model and its out-of-fold table, which the registry row holds anyway.

The value bands' profit quantiles are computed by Spark as exact order statistics and interpolated as numpy
does; the rank by expected loss is a window over all customers (one sorted partition, not the driver).

Modules: `shipping` (the model on the workers, output schemas), `scoring` (probabilities, explanations,
importance), `segments`, `training` (bounded samples, the registry row), `session` (a local SparkSession),
`path` (what `one_click.engine.path_for` hands a Spark model), `profiling`.
"""

from one_click.spark.scoring import explain_customers, global_importance, score_customers
from one_click.spark.segments import exact_quantile, segment_customers
from one_click.spark.session import java_available, local_session
from one_click.spark.shipping import ShippedModel, ship_model
from one_click.spark.training import (
    TRAINING_ROW_LIMIT,
    bounded_sample,
    train_registry_row,
    training_sample,
)

__all__ = [
    "TRAINING_ROW_LIMIT",
    "ShippedModel",
    "bounded_sample",
    "exact_quantile",
    "explain_customers",
    "global_importance",
    "java_available",
    "local_session",
    "score_customers",
    "segment_customers",
    "ship_model",
    "train_registry_row",
    "training_sample",
]
