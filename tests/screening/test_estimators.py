"""One common test of the three models' scikit-learn shape, and what each must guarantee."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from sporskifte.screening.estimators import MODELS, ScreeningClassifier
from sporskifte.screening.features import AUDIT_ONLY, FeatureSet, InputError

from .conftest import Labelled

FAST = {
    "glassbox": {"outer_bags": 2, "interactions": 4},
    "challenger": {"n_estimators": 300},
    "baseline": {},
}


@pytest.fixture(scope="module", params=sorted(MODELS))
def fitted(request: pytest.FixtureRequest, labelled: Labelled) -> ScreeningClassifier:
    model = MODELS[request.param](**FAST[request.param])
    return model.fit(labelled.spells, labelled.y, labelled.weight)


def test_every_model_has_the_scikit_learn_shape(
    fitted: ScreeningClassifier, labelled: Labelled
) -> None:
    params = fitted.get_params()
    assert clone(fitted).get_params() == params
    assert not hasattr(clone(fitted), "calibration_")
    fitted_attrs = [k for k in vars(fitted) if k not in params]
    assert fitted_attrs
    assert all(k.endswith("_") for k in fitted_attrs)
    proba = fitted.predict_proba(labelled.spells.head(50))
    assert proba.shape == (50, 2)
    assert np.allclose(proba.sum(axis=1), 1.0)
    assert ((proba >= 0) & (proba <= 1)).all()
    assert set(fitted.predict(labelled.spells.head(50))) <= {0, 1}


def test_an_unfitted_model_refuses_to_predict(labelled: Labelled) -> None:
    for cls in MODELS.values():
        with pytest.raises(NotFittedError):
            cls().predict_proba(labelled.spells.head(5))


def test_no_model_ever_takes_an_audit_only_column(fitted: ScreeningClassifier) -> None:
    assert not set(fitted.feature_names_in_) & set(AUDIT_ONLY)
    with pytest.raises(ValueError, match="audit-only"):
        FeatureSet(("age", "origin"))


def test_changing_origin_sex_or_district_changes_no_prediction(
    fitted: ScreeningClassifier, labelled: Labelled
) -> None:
    spells = labelled.spells.head(300)
    changed = spells.assign(
        origin=np.where(spells["origin"] == "danish", "non_western", "danish"),
        sex=np.where(spells["sex"] == "F", "M", "F"),
        district="Valby",
    )
    assert np.array_equal(fitted.predict_proba(spells), fitted.predict_proba(changed))
    assert np.array_equal(
        fitted.predict_proba(spells), fitted.predict_proba(spells.drop(columns=["origin"]))
    )


def test_logit_terms_sum_exactly_to_the_model_output(
    fitted: ScreeningClassifier, labelled: Labelled
) -> None:
    spells = labelled.spells.head(500)
    base, terms = fitted.logit_terms(spells)
    total = base + terms.to_numpy().sum(axis=1)
    assert np.allclose(total, fitted.decision_function(spells), atol=1e-9, rtol=0)


def test_fitting_twice_with_the_same_seed_gives_the_same_model(
    fitted: ScreeningClassifier, labelled: Labelled
) -> None:
    again = clone(fitted).fit(labelled.spells, labelled.y, labelled.weight)
    spells = labelled.spells.head(200)
    assert np.array_equal(again.predict_proba(spells), fitted.predict_proba(spells))


def test_bad_input_is_refused_in_one_place(labelled: Labelled) -> None:
    spells, y = labelled.spells, labelled.y
    for cls in MODELS.values():
        with pytest.raises(InputError, match="required columns"):
            cls().fit(spells.drop(columns=["diagnosis_group"]), y)
        with pytest.raises(InputError, match="outside the contract"):
            cls().fit(spells.assign(diagnosis_group="flu"), y)
        with pytest.raises(ValueError, match="binary"):
            cls().fit(spells, np.full(len(y), 2))
        with pytest.raises(ValueError, match="non-negative"):
            cls().fit(spells, y, -np.ones(len(y)))


def test_the_glass_box_is_close_to_the_challenger_on_later_spells(labelled: Labelled) -> None:
    spells = labelled.spells
    order = np.argsort(pd.to_datetime(spells["onset_date"]).to_numpy(), kind="stable")
    early, late = order[: int(0.8 * len(order))], order[int(0.8 * len(order)) :]
    from sklearn.metrics import roc_auc_score

    aucs = {}
    for role in ("glassbox", "challenger"):
        model = MODELS[role](**FAST[role]).fit(
            spells.iloc[early], labelled.y[early], labelled.weight[early]
        )
        p = model.predict_proba(spells.iloc[late])[:, 1]
        aucs[role] = roc_auc_score(labelled.y[late], p, sample_weight=labelled.weight[late])
    assert aucs["glassbox"] > aucs["challenger"] - 0.03  # 0.01 is checked at full size (bench)


def test_the_glass_box_with_pairs_stays_exactly_additive_when_pairs_are_dropped(
    labelled: Labelled,
) -> None:
    from sporskifte.screening.estimators import GlassBoxClassifier

    model = GlassBoxClassifier(outer_bags=2, interactions=4).fit(
        labelled.spells, labelled.y, labelled.weight
    )
    pairs = model.pair_terms()
    assert len(pairs) == 4
    assert all(" & " in name for name in pairs)
    spells = labelled.spells.head(300)
    base, terms = model.logit_terms(spells)
    assert set(pairs) <= set(terms.columns)
    without = terms.drop(columns=pairs[1:]).to_numpy().sum(axis=1) + base
    model.keep_pairs(pairs[:1])
    assert model.pair_terms() == pairs[:1]
    assert np.allclose(model.decision_function(spells), without, atol=1e-9, rtol=0)
    base, terms = model.logit_terms(spells)
    total = base + terms.to_numpy().sum(axis=1)
    assert np.allclose(total, model.decision_function(spells), atol=1e-9, rtol=0)


def test_cross_fitted_calibration_uses_every_row_and_keeps_additivity(
    labelled: Labelled,
) -> None:
    from sporskifte.screening.estimators import LogisticBaseline

    model = LogisticBaseline(calibration_folds=3).fit(labelled.spells, labelled.y, labelled.weight)
    a, b = model.calibration_
    assert (a, b) != (1.0, 0.0)
    assert 0.5 < a < 1.5
    spells = labelled.spells.head(300)
    base, terms = model.logit_terms(spells)
    assert np.allclose(
        base + terms.to_numpy().sum(axis=1), model.decision_function(spells), atol=1e-9, rtol=0
    )
    with pytest.raises(ValueError, match="calibration_folds"):
        LogisticBaseline(calibration_folds=1).fit(labelled.spells, labelled.y)


def test_by_default_no_model_holds_rows_back_for_calibration(fitted: ScreeningClassifier) -> None:
    assert fitted.calibration_ == (1.0, 0.0)


def test_the_challenger_finds_its_trees_by_early_stopping_and_refits_on_all_rows(
    labelled: Labelled,
) -> None:
    from sporskifte.screening.estimators import BoostingChallenger

    model = BoostingChallenger(n_estimators=2000, learning_rate=0.2).fit(
        labelled.spells, labelled.y, labelled.weight
    )
    assert 1 <= model.n_trees_ < 2000
    assert model.lgbm_.n_estimators == model.n_trees_
    assert model.lgbm_.booster_.num_trees() == model.n_trees_
