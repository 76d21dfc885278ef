"""A small GENIUS domain and profile (one issue of each kind) written to files, shared by the reader and
writer tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from accord.model import Scenario


def utility_of(scenario: Scenario, party: int, outcome: dict) -> float:
    row = np.array([[issue.index_of(outcome[issue.name]) for issue in scenario.issues]])
    return float(scenario.parties[party].utility.evaluate(scenario.issues, row)[0])


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


DOMAIN = """<negotiation_template><utility_space number_of_issues="3">
<objective index="0" etype="objective" type="objective" name="root">
  <issue index="1" name="colour" etype="discrete" type="discrete" vtype="discrete">
    <item index="1" value="red"/><item index="2" value="blue"/>
  </issue>
  <issue index="2" name="price" etype="integer" type="integer" vtype="integer" lowerbound="0" upperbound="4"/>
  <issue index="3" name="time" etype="real" type="real" vtype="real"><range lowerbound="0" upperbound="10"/></issue>
</objective></utility_space></negotiation_template>"""

PROFILE = """<utility_space>
<objective index="0" etype="objective" type="objective" name="root">
  <issue index="1" name="colour" etype="discrete" type="discrete" vtype="discrete">
    <item index="1" value="red" evaluation="4"/><item index="2" value="blue" evaluation="8"/>
  </issue>
  <issue index="2" name="price" etype="integer" type="integer" vtype="integer" lowerbound="0" upperbound="4">
    <evaluator ftype="linear" slope="0.25" offset="0"/>
  </issue>
  <issue index="3" name="time" etype="real" type="real" vtype="real"><range lowerbound="0" upperbound="10"/>
    <evaluator ftype="{ftype}" parameter0="{p0}" parameter1="{p1}" parameter2="{p2}"/>
  </issue>
  <weight index="1" value="0.5"/><weight index="2" value="0.3"/><weight index="3" value="0.2"/>
</objective>
<reservation value="0.25"/>
<discount_factor value="{discount}"/>
</utility_space>"""


def small(tmp_path: Path, ftype="linear", p0="0", p1="0.1", p2="0", discount="0.9") -> list[Path]:
    return [write(tmp_path, "small-domain.xml", DOMAIN),
            write(tmp_path, "alice.xml", PROFILE.format(ftype=ftype, p0=p0, p1=p1, p2=p2, discount=discount))]
