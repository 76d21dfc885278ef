"""What the GENIUS and GeniusWeb adapters share: the domain-and-profiles rule of their readers; safe file names
and the losses of what neither format has for their writers."""

from __future__ import annotations

import re
import unicodedata

from pathlib import Path

from accord.errors import ScenarioError
from accord.model import Scenario
from accord.wording import counted


def check_parts(source: str, domains: list[Path], profiles: int, profile: str, domain_required: bool) -> None:
    """A ``ScenarioError`` unless the files hold one domain (or none, when not ``domain_required``) and at least
    one profile; ``profile`` says what a profile file is."""
    if domain_required and not domains:
        raise ScenarioError("no domain file (a file with issues but no weights or evaluations)", source=source,
                            fix="add the scenario's domain file")
    if len(domains) > 1:
        raise ScenarioError(f"several domain files ({', '.join(d.name for d in domains)})", source=source,
                            fix="give exactly one domain file" if domain_required else "give at most one domain file")
    if not profiles:
        raise ScenarioError(f"no {profile}", source=source, fix="add at least one profile file")


def file_stem(text: str) -> str:
    """``text`` as a file-name stem: accents are dropped from letters (``Ñandú`` -> ``Nandu``), runs of other
    characters become ``_`` (``scenario`` when nothing is left)."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", folded).strip("._")
    return stem or "scenario"


def unique_stem(stem: str, used: set[str]) -> str:
    """``stem``, or ``stem_2``, ``stem_3``… : the first not in ``used`` ignoring case (case-insensitive file
    systems); it is added to ``used`` (lower-cased)."""
    candidate, n = stem, 2
    while candidate.lower() in used:
        candidate, n = f"{stem}_{n}", n + 1
    used.add(candidate.lower())
    return candidate


def unsupported_losses(scenario: Scenario, format_name: str, file_prefix: str = "") -> list[str]:
    """What ``format_name`` (GENIUS, GeniusWeb) cannot keep of any scenario: hard constraints and ratification."""
    losses = []
    if scenario.constraints:
        losses.append(f"{counted(len(scenario.constraints), 'hard constraint')} dropped: {format_name} has no "
                      "constraints, so the outcomes they ruled out become possible")
    for party in scenario.parties:
        if party.constituencies:
            losses.append(f"party '{party.name}': constituencies {[c.name for c in party.constituencies]} dropped "
                          f"({format_name} has no ratification)")
    return losses + party_file_losses(scenario.party_names, format_name, file_prefix)


def party_file_losses(names: tuple[str, ...], format_name: str, file_prefix: str = "") -> list[str]:
    """What reading the files back changes about the parties: a party is named by its profile's file,
    ``file_prefix`` and the name without the characters a file name cannot hold, and a folder is read in
    file-name order. The prefix alone (the writer's convention) is not reported."""
    stems = [file_stem(name) for name in names]
    losses = []
    renamed = [f"'{name}' as '{file_prefix}{stem}'" for name, stem in zip(names, stems) if name != stem]
    if renamed:
        losses.append(f"party names: {format_name} names a party by its profile's file, so read back "
                      + ", ".join(renamed))
    if stems != sorted(stems):
        losses.append(f"party order: read back as a folder, the parties come in file-name order "
                      f"({', '.join(sorted(stems))}); give the domain and profile files in the scenario's order "
                      "to keep it")
    return losses
