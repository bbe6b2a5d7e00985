"""Feature profiling for the `customer_features` mart: what the thin dbt Python models call.

Each function takes the mart as a pandas DataFrame (one row per customer, columns named in
one_click.features) and returns a long table with fixed columns and dtypes, ready to be written as is:

* feature_profile      -> feature_profile       per-outcome statistics and category shares
* feature_histogram    -> feature_histogram     per-outcome histogram counts on common bin edges
* feature_correlations -> feature_correlations  phik of every pair of features and the label
* feature_drift        -> feature_drift         PSI / KS of the current build against the model's data

Outcomes come from the label: 'declined' (true), 'kept' (false), 'unknown' (NULL), plus 'all' in the
per-outcome tables. The *_DTYPES dicts are the column contracts of the four tables.
"""

from one_click.profiling._columns import OUTCOME_ALL, OUTCOMES
from one_click.profiling.correlations import CORRELATION_DTYPES, feature_correlations
from one_click.profiling.drift import DRIFT_DTYPES, feature_drift, population_stability_index
from one_click.profiling.summary import HISTOGRAM_DTYPES, PROFILE_DTYPES, feature_histogram, feature_profile

__all__ = [
    "CORRELATION_DTYPES",
    "DRIFT_DTYPES",
    "HISTOGRAM_DTYPES",
    "OUTCOMES",
    "OUTCOME_ALL",
    "PROFILE_DTYPES",
    "feature_correlations",
    "feature_drift",
    "feature_histogram",
    "feature_profile",
    "population_stability_index",
]
