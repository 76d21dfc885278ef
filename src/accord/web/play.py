"""A person at the table, in the workbench: play one party of a stored scenario against a strategy, save the
session as a record, and get the debrief (``/scenarios/{sid}/play`` and ``/api/play``).

Games live in memory (``app.state.play_games``, the most recent ``MAX_GAMES``). Errors answer
``{"detail": one line}`` like the rest of the API.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from typing import Literal

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field

from accord.audit.debrief import debrief
from accord.audit.table import TableGame
from accord.errors import OptionError
from accord.space import MAX_OUTCOMES
from accord.space.outcomes import enumerable
from accord.web.api import stored
from accord.web.store import NotFound

MAX_GAMES = 200
api = APIRouter(prefix="/api/play", tags=["play"])
page = APIRouter(include_in_schema=False)
_LOCK = threading.Lock()


class StartIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    scenario_id: str
    party: int | str = Field(0, description="the party the person plays: its index, or its name")
    strategy: str = "boulware"
    rounds: int = Field(20, ge=1, le=1000)
    seed: int = Field(0, ge=0)


class PackageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    offer: dict[str, str | int | float]


class MoveIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    action: Literal["offer", "accept", "withdraw"]
    offer: dict[str, str | int | float] | None = None


def _games(request: Request) -> OrderedDict:
    with _LOCK:
        if not hasattr(request.app.state, "play_games"):
            request.app.state.play_games = OrderedDict()
        return request.app.state.play_games


def _game(request: Request, gid: str) -> TableGame:
    game = _games(request).get(gid)
    if game is None:
        raise HTTPException(404, f"{gid}: no such game; start one with POST /api/play")
    return game


def _party_index(scenario, party: int | str) -> int:
    """The index of the party a request names by index or by name."""
    if isinstance(party, int):
        return party
    if party not in scenario.party_names:
        raise OptionError(f"no party named {party!r}", parameter="party",
                          fix="give one of " + ", ".join(scenario.party_names) + " (or its index)")
    return scenario.party_names.index(party)


@api.post("")
def start(request: Request, body: StartIn) -> dict:
    """Start a game: the person plays party ``party``; every other party plays ``strategy``."""
    scenario = stored(request, body.scenario_id)
    game = TableGame(scenario, _party_index(scenario, body.party), body.strategy, body.rounds, body.seed)
    gid = secrets.token_hex(8)
    games = _games(request)
    with _LOCK:
        games[gid] = game
        while len(games) > MAX_GAMES:
            games.popitem(last=False)
    issues = [{"name": i.name, "values": list(i.values), "labels": list(i.labels)} for i in game.scenario.issues]
    return {"game": gid, "issues": issues, "state": game.to_json()}


@api.post("/{gid}/utility")
def own_utility(request: Request, gid: str, body: PackageIn) -> dict:
    """The person's own utility of a package they are composing."""
    return {"your_utility": _game(request, gid).own_utility(body.offer)}


@api.post("/{gid}/move")
def move(request: Request, gid: str, body: MoveIn) -> dict:
    """The person's move; the strategies answer until it is the person's turn again."""
    game = _game(request, gid)
    with _LOCK:
        if body.action == "offer":
            game.offer(body.offer or {})
        elif body.action == "accept":
            game.accept()
        else:
            game.walk_away()
    return game.to_json()


@api.get("/{gid}/record")
def record(request: Request, gid: str) -> dict:
    """The session as a record (``accord audit SCENARIO RECORD`` reads it)."""
    return _game(request, gid).record_data()


@api.get("/{gid}/debrief")
def debrief_of(request: Request, gid: str) -> dict:
    """The audit of the session, the opponents' profiles and the trades missed."""
    return debrief(_game(request, gid)).to_json()


@page.get("/scenarios/{sid}/play", response_class=HTMLResponse)
def play_page(request: Request, sid: str) -> HTMLResponse:
    from accord.strategies import registry
    from accord.web.pages import _page

    try:
        scenario = request.app.state.store.get(sid)
    except NotFound:
        return _page(request, "error.html", 404, message=f"{sid}: no such scenario; pick one from the list")
    if not playable(scenario):
        return _page(request, "error.html", 400, message=unplayable_line(scenario))
    return _page(request, "play.html", sid=sid, scenario=scenario, strategies=list(registry().values()))


def playable(scenario) -> bool:
    """Whether a person can play the scenario: the table lists every outcome, so the space must be enumerable."""
    return enumerable(scenario)


def unplayable_line(scenario) -> str:
    return (f"{scenario.name}: playing a party lists every outcome, and this scenario has "
            f"{scenario.cartesian_size:,} (at most {MAX_OUTCOMES:,}); analyse or simulate it instead")
