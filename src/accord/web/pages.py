"""Server-rendered pages (Jinja2): scenarios, the scenario workbench, simulation, forecast, divide, tournaments."""

from __future__ import annotations

import json
from importlib import resources

from fastapi import APIRouter, File, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

import accord
from accord.errors import InputError
from accord.forecast.models import model_names
from accord.analysis.solutions import solution_titles
from accord.reports.svg import lines_svg
from accord.web import api
from accord.web.editor import editor
from accord.web.store import MAX_OUTCOMES, MAX_UPLOAD_BYTES, NotFound

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(resources.files("accord") / "web" / "templates"))
templates.env.filters["tojson_safe"] = lambda data: json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
templates.env.globals.update(version=accord.__version__, solution_titles=solution_titles())


def _page(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
    return templates.TemplateResponse(request, template, context, status_code=status)


def malformed(request: Request, message: str) -> HTMLResponse:
    """A page request that breaks its form or query schema: the one-line message on the page, 422 (the upload
    form shows it above the form, like its other errors)."""
    if request.url.path == "/upload":
        return index(request, error=message, status=422)
    return _page(request, "error.html", 422, message=message)


def _scenario(request: Request, sid: str) -> accord.Scenario | HTMLResponse:
    """The stored scenario, or the error page (404) when no scenario has that id."""
    try:
        return request.app.state.store.get(sid)
    except NotFound:
        return _page(request, "error.html", 404,
                     message=f"{sid}: no such scenario; pick one from the list or upload it again")


@router.get("/", response_class=HTMLResponse)
def index(request: Request, error: str | None = None, status: int = 200) -> HTMLResponse:
    return _page(request, "index.html", status, scenarios=request.app.state.store.summaries(), error=error,
                 max_mb=MAX_UPLOAD_BYTES // (1024 * 1024), max_outcomes=MAX_OUTCOMES)


@router.post("/upload")
async def upload(request: Request, files: list[UploadFile] = File(...)):
    """The upload form: on success go to the new scenario, otherwise show the one-line error."""
    try:
        scenario = api.read_upload(await api.collect(files))
    except InputError as error:
        return index(request, error=error.one_line(), status=400)
    except HTTPException as error:
        return index(request, error=str(error.detail), status=error.status_code)
    sid = request.app.state.store.add(scenario)
    return RedirectResponse(f"/scenarios/{sid}", status_code=303)


@router.get("/scenarios/{sid}", response_class=HTMLResponse)
def workbench(request: Request, sid: str) -> HTMLResponse:
    """The scenario with editable preferences, and its analysis with the interactive utility-space plot."""
    scenario = _scenario(request, sid)
    if isinstance(scenario, HTMLResponse):
        return scenario
    try:
        initial = api.analyze(request, api.schemas.AnalyzeRequest(scenario_id=sid))
    except InputError as error:
        return _page(request, "error.html", 400, message=error.one_line())
    document = accord.scenario_to_dict(scenario)
    return _page(request, "scenario.html", sid=sid, scenario=scenario, editor=editor(scenario, document),
                 document=document, initial=initial)


@router.get("/scenarios/{sid}/simulate", response_class=HTMLResponse)
def simulation(request: Request, sid: str) -> HTMLResponse:
    """Pick strategies and a protocol, run, watch the offer paths."""
    scenario = _scenario(request, sid)
    if isinstance(scenario, HTMLResponse):
        return scenario
    return _page(request, "simulate.html", sid=sid, scenario=scenario, strategies=api.strategies(),
                 defaults=["boulware"] + ["conceder"] * (len(scenario.parties) - 1))


def _bundled_data_names() -> tuple[list[str], list[str]]:
    from accord.forecast import bundled_names

    stakeholder, divide = [], []
    for name in bundled_names():
        try:
            api.divide_problem(name)
            divide.append(name)
        except InputError:
            stakeholder.append(name)
    return stakeholder, divide


@router.get("/forecast", response_class=HTMLResponse)
def forecast_page(request: Request, name: str = Query("japan-russia-2019", max_length=200),
                  model: str = Query("eu", max_length=20), rounds: int = Query(10, ge=0, le=200)) -> HTMLResponse:
    """Stakeholder positions over rounds for a bundled stakeholder file."""
    names, _ = _bundled_data_names()
    error, issues = None, []
    try:
        if name not in names:
            raise InputError("no bundled stakeholder file of that name", source=name,
                             fix=f"use one of: {', '.join(names)}")
        results = api.run_forecast(api.stakeholders_named(name), model, rounds)
    except InputError as error_:
        error, results = error_.one_line(), []
    for result in results:
        xs = [r["round"] for r in result["rounds"]]
        series = {a["actor"]: [r["positions"][a["actor"]] for r in result["rounds"]] for a in result["actors"]}
        series["forecast"] = [r["forecast"] for r in result["rounds"]]
        issues.append({**result, "svg": lines_svg(series, xs, f"positions over rounds: {result['issue']}",
                                                  "position", dashed=("forecast",)), "series": series})
    return _page(request, "forecast.html", 400 if error else 200, names=names, name=name, model=model,
                 rounds=rounds, issues=issues, error=error, models=model_names())


@router.get("/divide", response_class=HTMLResponse)
def divide_page(request: Request, name: str = Query("kurils-divide", max_length=200)) -> HTMLResponse:
    """Adjusted Winner on a bundled divide file."""
    _, names = _bundled_data_names()
    try:
        if name not in names:
            raise InputError("no bundled divide file of that name", source=name, fix=f"use one of: {', '.join(names)}")
        problem = api.divide_problem(name)
        result = api.divide(api.schemas.DivideRequest(name=name))
    except InputError as error:
        return _page(request, "divide.html", 400, names=names, name=name, error=error.one_line(), problem=None)
    rows = [{"item": item, "a": a, "b": b, "share": result["shares"][item]}
            for item, a, b in zip(problem.items, problem.points_a, problem.points_b)]
    return _page(request, "divide.html", names=names, name=name, problem=problem, result=result, rows=rows,
                 error=None)


@router.get("/tournaments", response_class=HTMLResponse)
def tournaments(request: Request) -> HTMLResponse:
    """Tournament results from the store given to ``accord serve --tournament``."""
    from accord.web.tournaments import results

    return _page(request, "tournaments.html", **results(request.app.state.tournament))
