"""The distribution syntax: read beside the value, checked field by field, ignored by every analysis."""

from __future__ import annotations

import pytest

from accord.analysis import analyze
from accord.errors import ScenarioError
from accord.io.uncertainty_format import split_uncertainty, uncertainty_of, with_uncertainty
from accord.model import Dirichlet, TriangularDistribution, TruncatedNormal, Uniform
from tests.robust.scenarios import scenario, wide


def test_distributions_are_read_in_document_order():
    found = dict(wide().uncertainty.distributions)
    assert found["parties[0].reservation"] == Uniform(0.3, 0.5)
    assert found["parties[1].reservation"] == TriangularDistribution(0.35, 0.45, 0.55)
    assert found["parties[0].constituencies[0].threshold"] == TruncatedNormal(0.5, 0.1, 0.0, 1.0)
    assert found["parties[1].utility.weights"] == Dirichlet((0.4, 0.4, 0.2), 30.0, ("a", "b", "c"))
    assert wide().uncertainty.parameters[-3:] == tuple(f"parties[1].utility.weights.{k}" for k in "abc")


def test_the_written_value_is_the_point_estimate():
    plain, uncertain = scenario(), wide()
    assert not plain.uncertainty
    assert uncertain == plain  # the distributions do not take part in equality
    assert analyze(uncertain).to_json() == analyze(plain).to_json()


@pytest.mark.parametrize(("path", "spec", "where", "words"), [
    ("parties[0].reservation", {"value": 0.45, "uniform": [0.5, 0.6]}, "parties[0].reservation.uniform",
     "excludes the value 0.45"),
    ("parties[0].reservation", {"value": 0.45, "uniform": [0.4, 1.2]}, "parties[0].reservation.uniform",
     "leaves [0, 1]"),
    ("parties[0].constituencies[0].threshold", {"value": 0.5, "normal": {"sd": 0}},
     "parties[0].constituencies[0].threshold.normal.sd", "sd must be > 0"),
    ("parties[0].utility.values.a.y", {"value": 0.5, "triangular": [0.6, 0.9]},
     "parties[0].utility.values.a.y.triangular", "excludes the value"),
    ("parties[1].utility.weights", {"a": 0.4, "b": 0.4, "c": 0.2, "dirichlet": 0},
     "parties[1].utility.weights.dirichlet", "concentration must be a number > 0"),
    ("parties[0].name", {"value": 1, "uniform": [0, 2]}, "parties[0].name", "not allowed here"),
    ("parties[0].reservation", {"value": 0.4, "uniform": [0.3, 0.5], "normal": {"sd": 0.1}},
     "parties[0].reservation", "give one distribution"),
])
def test_bad_distributions_are_named_by_field(path, spec, where, words):
    with pytest.raises(ScenarioError) as error:
        scenario(**{path: spec})
    located = [e for e in error.value.all_errors if e.where == where]
    assert located and words in located[0].message
    assert located[0].one_line().startswith(f"toy.yaml: {where}: ")


def test_every_bad_distribution_is_reported_at_once_with_other_errors():
    with pytest.raises(ScenarioError) as error:
        scenario(**{"parties[0].reservation": {"value": 0.45, "uniform": [0.5, 0.6]},
                    "parties[1].reservation": {"value": 0.45, "normal": {"sd": -1}},
                    "parties[1].utility.weights.a": 0.9})
    wheres = {e.where for e in error.value.all_errors}
    assert {"parties[0].reservation.uniform", "parties[1].reservation.normal.sd", "parties[1].utility.weights"} <= wheres


def test_a_dirichlet_and_a_single_weight_distribution_do_not_mix():
    weights = {"a": {"value": 0.4, "uniform": [0.3, 0.5]}, "b": 0.4, "c": 0.2, "dirichlet": 10}
    with pytest.raises(ScenarioError) as error:
        scenario(**{"parties[1].utility.weights": weights})
    assert error.value.where == "parties[1].utility.weights.a"


def test_with_uncertainty_inverts_split_uncertainty():
    """Every kind, a Dirichlet, a value-function parameter and an integer option key (as the writer gives)."""
    document = {"parties": [{"reservation": {"value": 0.4, "uniform": [0.3, 0.5]},
                             "constituencies": [{"threshold": {"value": 0.5, "normal": {"sd": 0.1}}}],
                             "utility": {"weights": {"ab": 0.6, "a": 0.4, "dirichlet": 20},
                                         "values": {"ab": {15: {"value": 0.2, "triangular": [0.1, 0.3]}, 1: 1.0},
                                                    "a": {"linear": {"slope": {"value": 0.3,
                                                                               "uniform": [0.1, 0.4]}}}}}}]}
    plain, found = split_uncertainty(document)
    uncertainty, errors = uncertainty_of(found, "s.yaml")
    assert errors == [] and len(uncertainty.distributions) == 5
    assert with_uncertainty(plain, uncertainty) == document
