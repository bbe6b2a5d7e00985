"""skops serialization: identical predictions after a round trip, and only trusted types load."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import skops.io
from sklearn.preprocessing import FunctionTransformer

from one_click.modeling import TRUSTED_TYPES, UntrustedModelError, dump_model, load_model, predict
from one_click.modeling.candidates import FAMILIES
from one_click.modeling.fitting import fit_family
from one_click.modeling.synthetic import synthetic_features


@pytest.fixture(scope="module")
def features() -> pd.DataFrame:
    return synthetic_features(240, seed=11, unlabelled_share=0.2)


@pytest.mark.parametrize("family", FAMILIES, ids=lambda family: family.name)
def test_round_trip_predicts_identically_and_needs_only_trusted_types(features, family):
    model, _ = fit_family(features, family, seed=0, cv_splits=3, n_jobs=1)
    blob = dump_model(model)
    assert isinstance(blob, bytes)
    assert set(skops.io.get_untrusted_types(data=blob)) <= set(TRUSTED_TYPES)
    loaded = load_model(blob)
    pd.testing.assert_frame_equal(predict(loaded, features), predict(model, features))
    assert loaded.model_id == model.model_id
    assert loaded.params == model.params and loaded.reference == model.reference
    np.testing.assert_array_equal(loaded.background_mean, model.background_mean)


def _not_trusted(x):
    return x


def test_blob_with_an_untrusted_type_is_refused():
    blob = skops.io.dumps({"format_version": 1, "estimator": FunctionTransformer(_not_trusted)})
    with pytest.raises(UntrustedModelError, match="_not_trusted"):
        load_model(blob)


def test_pickle_is_not_used_anywhere():
    from pathlib import Path

    import one_click.modeling as modeling

    sources = "".join(path.read_text() for path in Path(modeling.__file__).parent.glob("*.py"))
    assert "import pickle" not in sources and "joblib.dump" not in sources
