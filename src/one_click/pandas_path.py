"""The Python models on one machine: refs are DuckDB relations (or pandas frames in tests), read into pandas.

Every function here has a twin of the same name and signature in `one_click.spark.path`;
`one_click.engine.path_for` picks one of the two once per model call. Options arrive as the model's typed
object (`one_click.options`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from one_click.features import CUSTOMER_ID, FEATURES, LABEL
from one_click.frames import count_distinct, newest_rows, to_pandas
from one_click.modeling.frame import validate
from one_click.modeling.scoring import predict
from one_click.options import (
    CorrelationOptions,
    ExplanationOptions,
    HistogramOptions,
    ImportanceOptions,
    ProfilingOptions,
    SegmentCutoffs,
    TrainingOptions,
)
from one_click.published import PublishedModel, from_parquet_blob, row_fingerprints, train_row
from one_click.published import published_model as newest_published_model
from one_click.segments import GRID_COLUMNS, SegmentGrid, segment_customers

# shap (`modeling.explain`) and phik (`profiling`) are imported where they are used: a scoring-only run
# needs neither.

Progress = Callable[[str], None] | None


def published_model(registry: Any) -> PublishedModel:
    """The newest row of `dbt.ref("model_registry")`, loaded."""
    return newest_published_model(newest_rows(registry, "trained_at"))


def registry_table(registry: Any, blob_column: str) -> pd.DataFrame:
    """A table stored as a Parquet blob in the published model's registry row, reading only that blob."""
    row = newest_rows(registry, "trained_at", columns=[blob_column])
    if row.empty:
        raise LookupError("the model registry is empty: build once with the var retrain: true")
    return from_parquet_blob(row.iloc[0][blob_column])


def train_registry_row(features: Any, options: TrainingOptions, *, progress: Progress = None) -> pd.DataFrame:
    """Train on every labelled customer of `customer_features` and give the registry row to append."""
    return train_row(to_pandas(features), options, progress=progress)


def score_customers(published: PublishedModel, features: Any, *, progress: Progress = None) -> pd.DataFrame:
    """Every customer's calibrated probability: the stored out-of-fold one where the customer's row is the one
    the model was trained on, otherwise a score from the published model (which never saw that row)."""
    frame = validate(to_pandas(features))
    out_of_fold = published.table("out_of_fold_blob")
    current = pd.DataFrame(
        {CUSTOMER_ID: frame[CUSTOMER_ID].to_numpy(), "row_fingerprint": row_fingerprints(frame)}
    )
    reused = current.merge(out_of_fold, on=[CUSTOMER_ID, "row_fingerprint"], how="inner")
    to_score = frame.loc[~frame[CUSTOMER_ID].isin(reused[CUSTOMER_ID])]
    if progress is not None:
        progress(
            f"{len(reused)} customers keep their out-of-fold probability, {len(to_score)} are scored "
            f"by model {published.model_id}"
        )
    parts = [predict(published.model, to_score)] if len(to_score) else []
    if len(reused):
        labels = frame.set_index(CUSTOMER_ID).loc[reused[CUSTOMER_ID], LABEL].to_numpy()
        parts.append(
            pd.DataFrame(
                {
                    CUSTOMER_ID: reused[CUSTOMER_ID].to_numpy(),
                    "decline_probability": reused["decline_probability"].to_numpy(),
                    "prediction_kind": "out_of_fold",
                    LABEL: labels,
                    "model_id": published.model_id,
                }
            )
        )
    return pd.concat(parts, ignore_index=True).sort_values(CUSTOMER_ID, ignore_index=True)


def segment_grid(grid: Any) -> SegmentGrid:
    """The grid of `dbt.ref("segment_grid")` (nine rows)."""
    return SegmentGrid.from_frame(to_pandas(grid, GRID_COLUMNS))


def customer_segments(predictions: Any, features: Any, grid: Any, cutoffs: SegmentCutoffs) -> pd.DataFrame:
    """`segment_customers` of the refs of customer_predictions, customer_features and segment_grid."""
    cells = segment_grid(grid)
    probabilities = to_pandas(predictions, [CUSTOMER_ID, "decline_probability"])
    profit = to_pandas(features, [CUSTOMER_ID, "monthly_profit"])
    return segment_customers(
        probabilities.merge(profit, on=CUSTOMER_ID, validate="one_to_one"), cutoffs, cells
    )


def customers_to_explain(
    segments: pd.DataFrame, options: ExplanationOptions, *, progress: Progress = None
) -> list[Any]:
    """Everyone on a store of modest size; above `explain_everyone_up_to`, only customers who get an offer
    (the segments worth acting on): their reasons choose the offer, nobody reads the others' one by one."""
    if len(segments) <= options.explain_everyone_up_to:
        chosen = segments[CUSTOMER_ID]
    else:
        chosen = segments.loc[segments["segment"].isin(options.actionable_segments), CUSTOMER_ID]
    if progress is not None:
        progress(f"explaining {len(chosen)} of {len(segments)} customers")
    return chosen.tolist()


def explain_customers(
    published: PublishedModel,
    features: Any,
    segments: Any,
    options: ExplanationOptions,
    *,
    progress: Progress = None,
) -> pd.DataFrame:
    """`customer_feature_contributions` of the customers `customers_to_explain` chooses."""
    from one_click.modeling.explain import explain

    customer_ids = customers_to_explain(
        to_pandas(segments, [CUSTOMER_ID, "segment"]), options, progress=progress
    )
    return explain(published.model, to_pandas(features), customer_ids, progress=progress).contributions


def global_importance(
    published: PublishedModel,
    features: Any,
    contributions: Any,
    options: ImportanceOptions,
    *,
    progress: Progress = None,
) -> pd.DataFrame:
    """Mean |SHAP| per feature with its direction. Where `contributions` already explain every customer they
    are summarised; otherwise (at scale, where only the segments worth acting on are explained) a random
    sample of `importance_sample_size` customers, never a biased subset, is explained."""
    from one_click.modeling.explain import explain, importance_from_contributions

    features = to_pandas(features)
    covered = count_distinct(contributions, CUSTOMER_ID)
    if covered == len(features):
        if progress is not None:
            progress(f"importance from the contributions of all {covered} customers")
        return importance_from_contributions(to_pandas(contributions), features)
    size = min(len(features), options.importance_sample_size)
    if progress is not None:
        progress(f"importance on a random sample of {size} of {len(features)} customers")
    sample = features.sample(size, random_state=options.training_seed)
    return explain(published.model, sample).global_importance


def feature_profile(features: Any, options: ProfilingOptions) -> pd.DataFrame:
    """`profiling.feature_profile` of every customer (`profiling_row_limit` bounds Spark's path only)."""
    from one_click import profiling

    return profiling.feature_profile(to_pandas(features))


def feature_histogram(features: Any, options: HistogramOptions) -> pd.DataFrame:
    """`profiling.feature_histogram` of every customer with the configured bins."""
    from one_click import profiling

    return profiling.feature_histogram(to_pandas(features), bins=options.histogram_bins)


def feature_correlations(
    features: Any, options: CorrelationOptions, *, progress: Progress = None
) -> pd.DataFrame:
    """`profiling.feature_correlations`: phik on a sample stratified by outcome above
    `correlation_sample_size` customers."""
    from one_click import profiling

    frame = to_pandas(features)
    if progress is not None and len(frame) > options.correlation_sample_size:
        progress(
            f"phik on a sample of about {options.correlation_sample_size} of {len(frame)} customers, "
            "stratified by outcome (config correlation_sample_size)"
        )
    return profiling.feature_correlations(
        frame,
        threshold=options.multicollinearity_threshold,
        leakage_threshold=options.leakage_threshold,
        sample_size=options.correlation_sample_size,
    )


def feature_drift(registry: Any, features: Any, options: ProfilingOptions) -> pd.DataFrame:
    """`profiling.feature_drift` of every customer against the published model's reference sample."""
    from one_click import profiling

    reference = registry_table(registry, "reference_features_blob")
    return profiling.feature_drift(reference, to_pandas(features, FEATURES))
