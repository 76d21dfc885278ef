"""The JSON API under ``/api``: scenarios, upload, analyze, simulate, forecast, divide, strategies.

Every user error answers ``{"detail": "<one line>"}``, the same line the command line prints after ``error:``
(400 for bad input, 404 for an unknown id, 413 for a body over the size cap, 403 for a state-changing request from
another site (:mod:`accord.web.guard`), 422 for a request that breaks its schema, worded by
:mod:`accord.web.validation`; /api/simulate also 500 when its worker process died, 503 when the session queue is
full, 504 when it ran past its time limit). Every limit: docs/limits.md.
"""

from __future__ import annotations

import time

from fastapi import APIRouter, File, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse

import accord
from accord.errors import OptionError, ScenarioError
from accord.reports.plot_data import label_of, plot_data, project_paths
from accord.io.versions import describe
from accord.reports.svg import legend_html, utility_svg
from accord.web import schemas
from accord.web.analysis_cache import BytesCache
from accord.web.guard import TOO_LARGE
from accord.web.store import (MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES, NotFound, check_size, read_upload,
                              workbench_method)

router = APIRouter(prefix="/api", tags=["api"])
ERRORS = {400: {"model": schemas.ErrorOut, "description": "bad input (one-line message)"},
          404: {"model": schemas.ErrorOut, "description": "no such scenario"}}


ANALYSES = BytesCache()


def analysis_of(scenario: accord.Scenario, request: Request | None = None) -> accord.Analysis:
    """The analysis of a scenario, cached within a byte limit (scenarios are frozen, so equal edits share one
    analysis): by enumeration where the space fits the workbench's limits, else by an exact search, which runs
    in one of the app's worker processes when a ``request`` is given (bounded in time and memory there, see
    :meth:`~accord.web.sessions.SessionPool.analyze`)."""
    method = workbench_method(scenario)
    if method is None or request is None:
        return ANALYSES.get(scenario, lambda: accord.analyze(scenario, method))
    return ANALYSES.get(scenario, lambda: request.app.state.sessions.analyze(scenario, method, client_of(request)))


def client_of(request: Request) -> str:
    """Who sent a request (its host), for the session queue's fair share; empty when the server cannot tell."""
    return request.client.host if request.client else ""


def stored(request: Request, scenario_id: str) -> accord.Scenario:
    """A stored scenario by id (bundled, library or uploaded); 404 in one line when there is none."""
    try:
        return request.app.state.store.get(scenario_id)
    except NotFound:
        raise HTTPException(404, f"{scenario_id}: no such scenario; see GET /api/scenarios") from None


def resolve(request: Request, ref: schemas.ScenarioRef) -> accord.Scenario:
    """The scenario a request names: a stored one by id, or a posted Accord document (validated like a file)."""
    if ref.scenario_id is not None:
        return stored(request, ref.scenario_id)
    source = str(ref.scenario.get("name") or "scenario") if isinstance(ref.scenario.get("name"), str) else "scenario"
    scenario = accord.scenario_from_dict(ref.scenario, source)
    check_size(scenario, source)
    return scenario


def resolve_with_distributions(request: Request, ref: schemas.ScenarioRef) -> accord.Scenario:
    """The scenario a request names; an edit of a stored scenario (``origin``) that states no distributions of its
    own gets the stored scenario's, each edited number carrying its distribution along (the page's editor shows
    and posts plain numbers)."""
    from accord.robust import with_distributions_of

    scenario = resolve(request, ref)
    if ref.scenario is None or ref.origin is None or scenario.uncertainty:
        return scenario
    return with_distributions_of(scenario, stored(request, ref.origin))


def version_of(request: Request, ref: schemas.ScenarioRef, scenario: accord.Scenario) -> str:
    """Which version of a scenario a request runs: its content hash and, for an edit of a stored scenario named
    by ``origin``, how many numbers the edit changed."""
    if ref.scenario is None or ref.origin is None:
        return describe(scenario)
    return describe(scenario, stored(request, ref.origin))


def _axes(axes: tuple[int, int], n_parties: int) -> tuple[int, int]:
    """The plot's two party axes; a one-party scenario plots its only party against itself."""
    if n_parties == 1 and tuple(axes) == (0, 1):
        return 0, 0
    if any(not 0 <= a < n_parties for a in axes):
        raise OptionError(f"axes {list(axes)} name no party", parameter="axes",
                          fix=f"use party indices 0..{n_parties - 1}")
    return axes


@router.get("/scenarios", response_model=list[schemas.ScenarioSummary])
def list_scenarios(request: Request) -> list[dict]:
    """Bundled scenarios and this server's uploads."""
    return request.app.state.store.summaries()


@router.get("/scenarios/{scenario_id}", responses=ERRORS)
def get_scenario(request: Request, scenario_id: str) -> dict:
    """A scenario as an Accord document (the JSON form of the YAML format): edit it and post it to analyze."""
    return accord.scenario_to_dict(stored(request, scenario_id))


@router.post("/scenarios", response_model=schemas.ScenarioSummary, status_code=201,
             responses={**ERRORS, 413: {"model": schemas.ErrorOut, "description": "upload too large"}})
async def upload_scenario(request: Request, files: list[UploadFile] = File(
        ..., description="the files of one scenario: an Accord .yaml/.json file, GENIUS .xml domain + profiles, "
                         "or GeniusWeb .json domain + profiles (in party order)")) -> dict:
    """Upload a scenario (at most 5 MB in all). Up to 10⁷ outcomes are enumerated; a larger space is accepted
    when an exact method applies (linear-additive utilities, or hyper-rectangles without hard constraints) and
    its plot then draws a labelled sample of the outcomes."""
    scenario = read_upload(await collect(files))
    sid = request.app.state.store.add(scenario)
    return request.app.state.store.summary_of(sid)


@router.delete("/scenarios/{scenario_id}", status_code=204, responses=ERRORS)
def delete_scenario(request: Request, scenario_id: str) -> None:
    """Delete an uploaded scenario (bundled ones stay)."""
    if not request.app.state.store.remove(scenario_id):
        raise HTTPException(404, f"{scenario_id}: no such upload; see GET /api/scenarios")


async def collect(files: list[UploadFile]) -> list[tuple[str | None, bytes]]:
    """The uploaded files' names and contents, refusing more than the caps allow."""
    if len(files) > MAX_UPLOAD_FILES:
        raise OptionError(f"{len(files)} files; an upload holds at most {MAX_UPLOAD_FILES}", source="upload",
                          fix="give the files of one scenario")
    contents, total = [], 0
    for upload in files:
        data = await upload.read(MAX_UPLOAD_BYTES + 1 - total)
        total += len(data)
        if total > MAX_UPLOAD_BYTES:
            raise HTTPException(413, TOO_LARGE)
        contents.append((upload.filename, data))
    return contents


@router.post("/analyze", response_model=schemas.AnalyzeResponse, responses=ERRORS)
def analyze(request: Request, body: schemas.AnalyzeRequest) -> dict:
    """Analyse a scenario: the document of ``accord analyze --json`` (zone of agreement, frontier, Nash /
    Kalai–Smorodinsky / egalitarian / utilitarian, ratification) and, under ``view``, the utility-space plot (a
    subsample of the outcomes, at most ``max_points``)."""
    started = time.perf_counter()
    scenario = resolve(request, body)
    axes = _axes(body.axes, len(scenario.parties))
    analysis = analysis_of(scenario, request)
    data = plot_data(analysis, axes, body.max_points)
    counts = {"n_outcomes": f"{analysis.n_outcomes:,}", "rational_outcomes": (
        None if analysis.rational_outcomes is None else f"{analysis.rational_outcomes:,}")}
    view = {"plot": data, "svg": utility_svg(data) if body.svg else None, "legend": legend_html(data), "counts": counts,
            "version": version_of(request, body, scenario),
            "elapsed_ms": round((time.perf_counter() - started) * 1000, 1)}
    return {**analysis.to_json(), "view": view}


@router.post("/simulate", response_model=schemas.SimulateResponse, responses={
    **ERRORS, 500: {"model": schemas.ErrorOut, "description": "the session's worker process died"},
    503: {"model": schemas.ErrorOut, "description": "the session queue is full, or this client holds its share"},
    504: {"model": schemas.ErrorOut, "description": "the session ran past its time limit and was stopped"}})
def simulate(request: Request, body: schemas.SimulateRequest) -> dict:
    """Run one negotiation session (one strategy per party): the document of ``accord simulate --json`` (with
    its trace) and, under ``view``, the offer paths, the plot and how each issue value is shown.

    The session runs in a worker process, where a strategy call still running after its budget (1 s) is
    interrupted and the session ends with an ``over-budget`` fault, as on the command line. A worker that does
    not answer within ``10 s + rounds × parties × 1 s`` (at most 300 s; a call stuck in C code that ignores the
    interruption) is killed and the request answers 504; one that dies answers 500 (see
    :mod:`accord.web.sessions`)."""
    scenario = resolve(request, body)
    axes = _axes(body.axes, len(scenario.parties))
    session = request.app.state.sessions.run(scenario, body.strategies, protocol=body.protocol,
                                             rounds=body.rounds, seed=body.seed,
                                             client=client_of(request))
    paths = session["paths"]
    svg = legend = None
    if body.svg:
        data = plot_data(analysis_of(scenario, request), axes, 1500)
        svg, legend = utility_svg(data, paths=project_paths(paths, axes)), legend_html(data)
    labels = {i.name: {str(v): label_of(i, v) for v in i.values} for i in scenario.issues}
    return {**session["result"], "view": {"paths": paths, "svg": svg, "legend": legend, "labels": labels,
                                          "version": version_of(request, body, scenario)}}


@router.post("/report", response_class=HTMLResponse, responses={
    **ERRORS, 500: {"model": schemas.ErrorOut, "description": "the simulation's worker process died"},
    503: {"model": schemas.ErrorOut, "description": "the session queue is full, or this client holds its share"},
    504: {"model": schemas.ErrorOut, "description": "the simulation ran past its time limit and was stopped"}})
def report(request: Request, body: schemas.ReportRequest) -> HTMLResponse:
    """The one-file HTML report of a scenario (as ``accord report`` writes it), e.g. of an edited copy: the
    analysis, a simulation with these strategies and protocol, and the version of the scenario it shows. The
    simulation runs in a session worker, with the queue, time limit and answers (500, 503, 504) of /api/simulate."""
    from accord.reports.build import build_report

    scenario = resolve_with_distributions(request, body)  # an edit keeps the robustness section
    if body.strategies is not None and len(body.strategies) != len(scenario.parties):
        raise OptionError(f"{len(body.strategies)} strategies for {len(scenario.parties)} parties",
                          parameter="strategies", fix="give one strategy per party")
    def simulate(scenario, strategies, **options):  # in a session worker, under its time limit, as /api/simulate
        return request.app.state.sessions.run(scenario, strategies, client=client_of(request), keep=True,
                                              **options)["session"]

    text = build_report(scenario, body.strategies, protocol=body.protocol, rounds=body.rounds, seed=body.seed,
                        version=version_of(request, body, scenario), analysis=analysis_of(scenario, request),
                        simulate=simulate)
    return HTMLResponse(text)


@router.get("/strategies", response_model=list[schemas.StrategyOut])
def strategies() -> list[dict]:
    """Strategies a simulation can use."""
    from accord.strategies import registry

    return [info.to_json() for info in registry().values()]


def run_forecast(groups, model: str, rounds: int, q: float = 1.0, t: float = 1.0) -> list[dict]:
    """Every issue's forecast document (as ``accord forecast --json`` prints under ``issues``)."""
    from accord.forecast import ModelConfig, forecast

    config = ModelConfig(model=model, rounds=rounds, q=q, t=t)
    return [forecast(group, config).to_json() for group in groups]


def stakeholders_named(name: str):
    """The stakeholders of a bundled file, by name only (never a path)."""
    from accord.forecast import load_stakeholders

    return load_stakeholders(name, paths=False)


@router.post("/forecast", response_model=schemas.ForecastResponse, responses=ERRORS)
def forecast(body: schemas.ForecastRequest) -> dict:
    """Forecast multi-stakeholder issues: stakeholder positions over rounds (expected utility) or the compromise
    / weighted-median point; the document of ``accord forecast --json``."""
    from accord.forecast import parse_csv, parse_yaml

    if body.name is not None:
        groups = stakeholders_named(body.name)
    elif body.format == "csv":
        groups = parse_csv(body.text, source="stakeholders.csv")
    else:
        groups = parse_yaml(body.text, source="stakeholders.yaml")
    return {"issues": run_forecast(groups, body.model, body.rounds, body.q, body.t)}


def divide_problem(name: str):
    """The divide problem of a bundled file, by name only (never a path)."""
    from accord.divide import load_divide

    return load_divide(name, paths=False)


@router.post("/divide", response_model=schemas.DivideResponse, responses=ERRORS)
def divide(body: schemas.DivideRequest) -> dict:
    """Divide items between two parties by Adjusted Winner (equitable, envy-free, at most one item split); the
    document of ``accord divide --json``."""
    if body.name is not None:
        return divide_document(divide_problem(body.name))
    parties, items = body.parties, [i.name for i in body.items]
    a, b = [i.points[0] for i in body.items], [i.points[1] for i in body.items]
    if len(set(items)) != len(items):
        raise OptionError("duplicate item name", parameter="items", fix="name every item once")
    return _divided(parties, items, a, b)


def divide_document(problem) -> dict:
    """The division document of a divide problem (a bundled file, or the user's own read by the divide page)."""
    return _divided(problem.parties, problem.items, problem.points_a, problem.points_b)


def _divided(parties, items, a, b) -> dict:
    from accord.divide import adjusted_winner

    try:
        division = adjusted_winner(a, b, parties=parties, items=items)
    except ValueError as error:
        raise OptionError(str(error), parameter="items", fix="give non-negative points with a positive total "
                                                          "for each party") from None
    return division.to_json()


__all__ = ["ScenarioError", "analysis_of", "router"]
