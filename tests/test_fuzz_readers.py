"""Fuzzing every reader of user files (issue 11): scenario files (Accord YAML/JSON, GENIUS XML, GeniusWeb JSON),
stakeholder files (CSV, YAML), divide files and records. Any byte string, and any mutation of a valid file, gives
a result or an ``InputError``, never another exception; and the readers stay under ``MEMORY_CAP`` bytes of
address space (the whole module runs again in a child process with that ``resource`` limit)."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.audit.record_files import read_record
from accord.divide import parse_divide
from accord.errors import InputError
from accord.forecast import parse_csv, parse_yaml
from accord.io import load

REPO = Path(__file__).resolve().parents[1]
LIBRARY = REPO / "src" / "accord" / "scenarios"
MEMORY_CAP = 3 * 2**30
"""Address space the readers may use (bytes); the child process running this module gets this limit."""
FUZZ = settings(max_examples=int(os.environ.get("ACCORD_FUZZ_EXAMPLES", 60)), deadline=None, derandomize=True,
                suppress_health_check=list(HealthCheck))

_DOMAIN = (LIBRARY / "library" / "genius" / "Laptop" / "laptop_domain.xml").read_bytes()
VALID = {
    "scenario.yaml": (REPO / "tests" / "data" / "mini.yaml").read_bytes(),
    "genius.xml": (LIBRARY / "library" / "genius" / "Laptop" / "laptop_buyer_utility.xml").read_bytes(),
    "stakeholders.csv": (REPO / "tests" / "data" / "forecast" / "sultan.csv").read_bytes(),
    "stakeholders.yaml": (LIBRARY / "stakeholders" / "japan-russia-2019.yaml").read_bytes(),
    "divide.yaml": (LIBRARY / "stakeholders" / "kurils-divide.yaml").read_bytes(),
    "record.yaml": (LIBRARY / "records" / "japan-russia-history.yaml").read_bytes(),
}


def mutations(data: bytes) -> st.SearchStrategy[bytes]:
    """``data`` with a few bytes replaced, inserted or deleted, or a slice repeated."""
    edit = st.tuples(st.sampled_from(["set", "insert", "delete", "repeat"]), st.integers(0, len(data)),
                     st.binary(min_size=1, max_size=8), st.integers(1, 50))

    def apply(edits) -> bytes:
        out = bytearray(data)
        for kind, at, chunk, times in edits:
            at = min(at, len(out))
            if kind == "set":
                out[at:at + len(chunk)] = chunk
            elif kind == "insert":
                out[at:at] = chunk
            elif kind == "delete":
                del out[at:at + len(chunk) * times]
            else:
                out[at:at] = bytes(out[at:at + 16]) * times
        return bytes(out)

    return st.lists(edit, min_size=1, max_size=6).map(apply)


def inputs(name: str) -> st.SearchStrategy[bytes]:
    return st.one_of(st.binary(max_size=2000), mutations(VALID[name]))


def result_or_input_error(read, *args, **kwargs) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # numeric warnings are not the point here; exceptions are
        try:
            read(*args, **kwargs)
        except InputError as error:
            assert "\n" not in str(error)


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


@FUZZ
@given(data=inputs("scenario.yaml"), suffix=st.sampled_from([".yaml", ".json"]))
def test_accord_scenario_files(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("s") / f"scenario{suffix}"
    path.write_bytes(data)
    result_or_input_error(load, path)


@FUZZ
@given(data=inputs("genius.xml"))
def test_genius_profiles(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("g")
    laptop = LIBRARY / "library" / "genius" / "Laptop"
    (folder / "laptop_domain.xml").write_bytes((laptop / "laptop_domain.xml").read_bytes())
    (folder / "laptop_seller_utility.xml").write_bytes((laptop / "laptop_seller_utility.xml").read_bytes())
    (folder / "laptop_buyer_utility.xml").write_bytes(data)
    result_or_input_error(load, folder)


@FUZZ
@given(data=st.one_of(st.binary(max_size=2000), mutations(_DOMAIN)))
def test_genius_domains(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("d")
    laptop = LIBRARY / "library" / "genius" / "Laptop"
    (folder / "laptop_domain.xml").write_bytes(data)
    (folder / "laptop_buyer_utility.xml").write_bytes((laptop / "laptop_buyer_utility.xml").read_bytes())
    result_or_input_error(load, folder)


@FUZZ
@given(data=st.one_of(st.binary(max_size=2000), mutations(b'{"name": "trip", "issuesValues": {"days": '
                                                          b'{"range": {"low": 2, "high": 5, "step": 1}}}}')))
def test_geniusweb_files(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("w") / "trip.json"
    path.write_bytes(data)
    result_or_input_error(load, path)


@FUZZ
@given(data=inputs("stakeholders.csv"))
def test_stakeholder_csv(data):
    result_or_input_error(parse_csv, _text(data), source="f.csv")


@FUZZ
@given(data=inputs("stakeholders.yaml"))
def test_stakeholder_yaml(data):
    result_or_input_error(parse_yaml, _text(data), source="f.yaml")


@FUZZ
@given(data=inputs("divide.yaml"))
def test_divide_files(data):
    result_or_input_error(parse_divide, _text(data), source="d.yaml")


@FUZZ
@given(data=inputs("record.yaml"), suffix=st.sampled_from([".yaml", ".json", ".csv"]))
def test_record_files(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("r") / f"record{suffix}"
    path.write_bytes(data)
    result_or_input_error(read_record, path, _JAPAN_RUSSIA, "japan-russia-2019")


_JAPAN_RUSSIA = load("japan-russia-2019")


@pytest.mark.skipif(os.environ.get("ACCORD_FUZZ_CHILD") == "1" or not sys.platform.startswith("linux"),
                    reason="the child itself, or no RLIMIT_AS")
def test_the_readers_stay_under_the_memory_cap():
    """This module again, in a child process whose address space is capped at ``MEMORY_CAP``: a reader that
    tried to build something huge would fail there with MemoryError."""
    code = ("import resource, sys, pytest; "
            f"resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_CAP}, {MEMORY_CAP})); "
            f"sys.exit(pytest.main(['-q', '-p', 'no:cacheprovider', '-x', {str(Path(__file__))!r}]))")
    env = {**os.environ, "ACCORD_FUZZ_CHILD": "1", "ACCORD_FUZZ_EXAMPLES": "25", "OPENBLAS_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
