"""The tournament spec (``SPEC.yaml``): what to run and, optionally, how to run it.

Example::

    strategies: [linear, boulware, conceder, tit-for-tat]
    scenarios:
      - genius/Laptop                      # anything 'accord analyze' accepts: file, folder, bundled name
      - [domain.xml, buyer.xml, seller.xml]  # or the files of one scenario
    repetitions: 2
    rounds: 100
    seed: 0
    self_play: false
    # how to run (not part of the results): workers, dask, db, csv, parquet

Relative paths are read from the spec's folder. Unknown keys and impossible values are one-line errors.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from accord.errors import OptionError
from accord.io import load, load_many
from accord.io.files import read_yaml
from accord.tournament.plan import Plan, Settings, plan

RUN_KEYS = ("workers", "dask", "db", "csv", "parquet", "batch")


class TournamentSpec(BaseModel):
    """What a tournament runs (every field but the run options decides the results)."""

    model_config = ConfigDict(extra="forbid")

    strategies: list[str] = Field(min_length=1)
    scenarios: list[str | list[str]] = Field(min_length=1)
    repetitions: int = Field(1, ge=1)
    rounds: int | None = Field(100, ge=1)
    seconds: float | None = Field(None, gt=0)
    protocol: str = "sao"
    seed: int = Field(0, ge=0)
    self_play: bool = False
    budget: float = Field(1.0, gt=0)
    timeout: float | None = Field(60.0, gt=0)
    discounting: bool = True
    workers: int | None = Field(None, ge=1)
    dask: str | None = None
    db: str | None = None
    csv: str | None = None
    parquet: str | None = None
    batch: int | None = Field(None, ge=1)

    def settings(self) -> Settings:
        return Settings(protocol=self.protocol, rounds=self.rounds, seconds=self.seconds, budget=self.budget,
                        discounting=self.discounting, timeout=self.timeout)

    def plan(self) -> Plan:
        """Load the scenarios and plan every session."""
        scenarios = []
        singles = [entry for entry in self.scenarios if isinstance(entry, str)]
        if len(singles) == len(self.scenarios):
            scenarios = load_many(singles)  # exactly what 'accord analyze' does with these names
        else:
            for entry in self.scenarios:
                scenarios.extend(load_many([entry]) if isinstance(entry, str) else [load(*entry)])
        return plan(scenarios, self.strategies, repetitions=self.repetitions, seed=self.seed,
                    self_play=self.self_play, settings=self.settings())


def place(loc: tuple) -> str:
    """A key's place in the spec, e.g. ``strategies[2]`` or ``scenarios[0][1]``."""
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc).lstrip(".")


def build(data: dict, source: str = "") -> TournamentSpec:
    """A validated spec from plain data (``source`` names the spec file it was read from, if any).

    The first problem becomes a one-line :class:`OptionError` whose ``parameter`` is the key at fault; with a
    ``source`` it is located in the file (``league.yaml: strategies[2]: ...``)."""
    try:
        return TournamentSpec.model_validate(data)
    except ValidationError as error:
        problem = error.errors()[0]
        loc = tuple(problem.get("loc", ()))
        key = str(loc[0]) if loc else ""
        if problem.get("type") == "extra_forbidden":
            known = ", ".join(TournamentSpec.model_fields)
            raise OptionError(f"unknown key '{place(loc)}'", source=source or "spec", fix=f"use only {known}") \
                from None
        if problem.get("type") == "missing":
            raise OptionError(f"no {key} given", source=source, parameter=key,
                              fix=f"give `{key}` or add it to the spec" if source else "name at least one") from None
        message = problem.get("msg", "invalid value").lower()
        where = place(loc) if source or len(loc) > 1 else ""
        raise OptionError(f"{message} (got {problem.get('input')!r:.60})", source=source, where=where,
                          parameter=key) from None


def is_spec_file(path: str) -> bool:
    """Whether ``path`` is a tournament spec (a YAML mapping with ``strategies``), not a scenario."""
    candidate = Path(path)
    if candidate.suffix.lower() not in (".yaml", ".yml") or not candidate.is_file():
        return False
    try:
        data = yaml.safe_load(candidate.read_text(encoding="utf-8"))
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        return False
    return isinstance(data, dict) and "strategies" in data and "accord" not in data


def read_spec(path: str | Path) -> dict:
    """The raw mapping of a spec file, with relative paths made relative to the spec's folder."""
    path = Path(path)
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise OptionError("a tournament spec must be a mapping", source=str(path),
                          fix="write 'strategies: [...]', 'scenarios: [...]', ... at the top level")
    folder = path.parent

    def local(name: Any) -> Any:
        if not isinstance(name, str):
            return name
        candidate = folder / name
        return str(candidate) if not Path(name).is_absolute() and candidate.exists() else name

    if isinstance(data.get("scenarios"), list):
        data["scenarios"] = [[local(n) for n in entry] if isinstance(entry, list) else local(entry)
                             for entry in data["scenarios"]]
    for key in ("db", "csv", "parquet"):
        if isinstance(data.get(key), str) and not Path(data[key]).is_absolute():
            data[key] = str(folder / data[key])
    return data


def load_spec(path: str | Path) -> TournamentSpec:
    """A spec file, validated."""
    return build(read_spec(path), str(path))
