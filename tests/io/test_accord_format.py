"""Accord's own format: sizes are checked before anything is built."""

from __future__ import annotations

from tests.memory_cap import run_capped

HUGE = """accord: 1
name: huge
issues:
  - {name: n, integers: {low: 0, high: 1000000000000}}
  - {name: x, interval: {low: 0, high: 1, grid: 1000000000}}
  - {name: m, integers: {low: 0, high: 100000000}}
parties:
  - name: A
    utility:
      weights: {n: 0.4, x: 0.3, m: 0.3}
      values: {n: {linear: {slope: 0, offset: 1}}, x: {linear: {slope: 1, offset: 0}}, m: {linear: {slope: 0, offset: 1}}}
"""


def test_issues_too_large_to_enumerate_are_refused_before_they_are_built(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_text(HUGE, encoding="utf-8")
    child = run_capped(f"""
        from accord.errors import ScenarioError
        from accord.io import load
        try:
            load({str(path)!r})
        except ScenarioError as error:
            for problem in error.all_errors[:3]:
                print(problem.one_line().replace({str(tmp_path) + "/"!r}, ""))
    """)
    assert child.returncode == 0, child.stderr
    assert child.stdout.splitlines() == [
        "huge.yaml: issues[0].integers: the issue would have 1,000,000,000,001 values; an issue has at most "
        "1,000,000; use a smaller range",
        "huge.yaml: issues[1].interval: the issue would have 1,000,000,000 values; an issue has at most 1,000,000; "
        "use a smaller range or grid",
        "huge.yaml: issues[2].integers: the issue would have 100,000,001 values; an issue has at most 1,000,000; "
        "use a smaller range"]
