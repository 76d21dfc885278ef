"""Server-rendered pages (Jinja2): scenarios, the scenario workbench, simulation, forecast, divide, tournaments."""

from __future__ import annotations

import json
from importlib import resources

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

import accord
from accord.errors import InputError
from accord.forecast.models import model_names
from accord.analysis.solutions import solution_titles
from accord.protocols.registry import protocol_names
from accord.reports.palette import PARTY_COLOURS
from accord.reports.svg import lines_svg
from accord.web import api
from accord.web.editor import editor
from accord.web.store import MAX_OUTCOMES, MAX_UPLOAD_BYTES, NotFound

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(resources.files("accord") / "web" / "templates"))
templates.env.filters["tojson_safe"] = lambda data: json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
templates.env.globals.update(version=accord.__version__, solution_titles=solution_titles(),
                             party_colours=PARTY_COLOURS)  # the CLI plot's palette, for the pages' scripts


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
    listed = request.app.state.store.summaries()
    return _page(request, "index.html", status, scenarios=listed, error=error,
                 library=[s for s in listed if s["source"] == "library"],
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


@router.post("/scenarios/{sid}/delete")
def delete(request: Request, sid: str):
    """Delete an uploaded scenario from the list (bundled ones stay)."""
    if not request.app.state.store.remove(sid):
        return _page(request, "error.html", 404, message=f"{sid}: no such upload; pick one from the list")
    return RedirectResponse("/", status_code=303)


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
    from accord.web.play import playable, unplayable_line

    return _page(request, "scenario.html", sid=sid, scenario=scenario, editor=editor(scenario, document),
                 document=document, initial=initial, entry=request.app.state.store.summary_of(sid),
                 playable=playable(scenario), unplayable=unplayable_line(scenario))


@router.get("/scenarios/{sid}/simulate", response_class=HTMLResponse)
def simulation(request: Request, sid: str) -> HTMLResponse:
    """Pick strategies and a protocol, run, watch the offer paths."""
    scenario = _scenario(request, sid)
    if isinstance(scenario, HTMLResponse):
        return scenario
    return _page(request, "simulate.html", sid=sid, scenario=scenario, strategies=api.strategies(),
                 defaults=["boulware"] + ["conceder"] * (len(scenario.parties) - 1),
                 entry=request.app.state.store.summary_of(sid), protocols=protocol_names())


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


def _forecast_result(request: Request, groups, name: str, model: str, rounds: int, *, source: str = "",
                     error: str | None = None) -> HTMLResponse:
    """The forecast page: the form (bundled names, upload, paste) and each issue's positions over rounds."""
    names, _ = _bundled_data_names()
    issues = []
    try:
        results = api.run_forecast(groups, model, rounds) if error is None else []
    except InputError as error_:
        error, results = error_.one_line(), []
    for result in results:
        xs = [r["round"] for r in result["rounds"]]
        series = {a["actor"]: [r["positions"][a["actor"]] for r in result["rounds"]] for a in result["actors"]}
        series["forecast"] = [r["forecast"] for r in result["rounds"]]
        issues.append({**result, "svg": lines_svg(series, xs, f"positions over rounds: {result['issue']}",
                                                  "position", dashed=("forecast",)), "series": series})
    return _page(request, "forecast.html", 400 if error else 200, names=names, name=name, model=model,
                 rounds=rounds, issues=issues, error=error, models=model_names(), source=source,
                 max_mb=MAX_UPLOAD_BYTES // (1024 * 1024))


@router.get("/forecast", response_class=HTMLResponse)
def forecast_page(request: Request, name: str = Query("japan-russia-2019", max_length=200),
                  model: str = Query("eu", max_length=20), rounds: int = Query(10, ge=0, le=200)) -> HTMLResponse:
    """Stakeholder positions over rounds for a bundled stakeholder file."""
    names, _ = _bundled_data_names()
    try:
        if name not in names:
            raise InputError("no bundled stakeholder file of that name", source=name,
                             fix=f"use one of: {', '.join(names)}")
        groups = api.stakeholders_named(name)
    except InputError as error:
        return _forecast_result(request, (), name, model, rounds, error=error.one_line())
    return _forecast_result(request, groups, name, model, rounds, source=name)


@router.post("/forecast", response_class=HTMLResponse)
async def forecast_user_file(request: Request, file: UploadFile | None = File(None),
                             text: str | None = Form(None, max_length=MAX_UPLOAD_BYTES),
                             format: str = Form("csv", max_length=10), model: str = Form("eu", max_length=20),
                             rounds: int = Form(10, ge=0, le=200)) -> HTMLResponse:
    """The user's own stakeholder file, uploaded or pasted (CSV or YAML), read as ``accord forecast`` reads it."""
    from accord.forecast import parse_csv, parse_yaml
    from accord.web.user_data import user_text

    try:
        content, source, kind = await user_text(file, text, format, ("csv", "yaml"))
        groups = (parse_csv if kind == "csv" else parse_yaml)(content, source=source)
    except InputError as error:
        return _forecast_result(request, (), "", model, rounds, error=error.one_line())
    return _forecast_result(request, groups, "", model, rounds, source=source)


def _divide_result(request: Request, problem, name: str, *, source: str = "",
                   error: str | None = None) -> HTMLResponse:
    """The divide page: the form (bundled names, upload, paste) and the division."""
    _, names = _bundled_data_names()
    context = {"names": names, "name": name, "source": source, "max_mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
    if error is None:
        try:
            result = api.divide_document(problem)
        except InputError as error_:
            error = error_.one_line()
    if error is not None:
        return _page(request, "divide.html", 400, **context, error=error, problem=None)
    rows = [{"item": item, "a": a, "b": b, "share": result["shares"][item]}
            for item, a, b in zip(problem.items, problem.points_a, problem.points_b)]
    return _page(request, "divide.html", **context, problem=problem, result=result, rows=rows, error=None)


@router.get("/divide", response_class=HTMLResponse)
def divide_page(request: Request, name: str = Query("kurils-divide", max_length=200)) -> HTMLResponse:
    """Adjusted Winner on a bundled divide file."""
    _, names = _bundled_data_names()
    try:
        if name not in names:
            raise InputError("no bundled divide file of that name", source=name, fix=f"use one of: {', '.join(names)}")
        problem = api.divide_problem(name)
    except InputError as error:
        return _divide_result(request, None, name, error=error.one_line())
    return _divide_result(request, problem, name, source=name)


@router.post("/divide", response_class=HTMLResponse)
async def divide_user_file(request: Request, file: UploadFile | None = File(None),
                           text: str | None = Form(None, max_length=MAX_UPLOAD_BYTES)) -> HTMLResponse:
    """The user's own divide file (YAML), uploaded or pasted, read as ``accord divide`` reads it."""
    from accord.divide.files import parse_divide
    from accord.web.user_data import user_text

    try:
        content, source, _ = await user_text(file, text, "yaml", ("yaml",))
        problem = parse_divide(content, source=source)
    except InputError as error:
        return _divide_result(request, None, "", error=error.one_line())
    return _divide_result(request, problem, "", source=source)


@router.get("/tournaments", response_class=HTMLResponse)
def tournaments(request: Request) -> HTMLResponse:
    """Tournament results from the store given to ``accord serve --tournament``."""
    from accord.web.tournaments import results

    return _page(request, "tournaments.html", **results(request.app.state.tournament))
