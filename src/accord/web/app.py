"""The FastAPI application: ``create_app()`` wires the store, the API, the pages and the static files."""

from __future__ import annotations

from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles

import accord
from accord.errors import InputError
from accord.web.sessions import SessionFailed, SessionPool
from accord.web.store import MAX_UPLOAD_BYTES, ScenarioStore
from accord.web.validation import document_one_line_422, one_line

UPLOAD_PATHS = ("/api/scenarios", "/upload", "/forecast", "/divide")  # the pages take files too
FORM_OVERHEAD = 256 * 1024  # multipart headers and boundaries on top of the files themselves


class _TooLarge(Exception):
    pass


class UploadLimit:
    """ASGI middleware: refuse an upload body over the cap before it is parsed or spooled to disk."""

    def __init__(self, app, limit: int = MAX_UPLOAD_BYTES + FORM_OVERHEAD) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("method") != "POST" or scope.get("path") not in UPLOAD_PATHS:
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            return await _refuse(send)
        seen = {"bytes": 0, "started": False}

        async def counted():
            message = await receive()
            seen["bytes"] += len(message.get("body", b""))
            if seen["bytes"] > self.limit:
                raise _TooLarge
            return message

        async def watched(message):
            if message["type"] == "http.response.start":
                seen["started"] = True
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except _TooLarge:
            if not seen["started"]:
                await _refuse(send)


async def _refuse(send) -> None:
    from accord.web.api import TOO_LARGE

    response = JSONResponse({"detail": TOO_LARGE}, status_code=413)
    await response({"type": "http"}, None, send)


def _one_line_422_in_openapi(app: FastAPI) -> None:
    """Make ``app.openapi()`` describe the 422 answers as they are: ``{"detail": "<one line>"}``."""
    generate = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            app.openapi_schema = document_one_line_422(generate())
        return app.openapi_schema

    app.openapi = openapi


def create_app(store: ScenarioStore | None = None, tournament: str | Path | None = None,
               allowed_hosts: list[str] | None = None) -> FastAPI:
    """The workbench. ``tournament`` is a results store (SQLite) chosen by whoever starts the server;
    ``allowed_hosts`` (e.g. ``["127.0.0.1", "localhost"]``) refuses requests for any other Host header, which
    keeps DNS-rebinding pages from reading a local server. Simulations run in worker processes
    (``app.state.sessions``, a :class:`~accord.web.sessions.SessionPool`) started on first use and stopped when
    the app shuts down."""
    from accord.web import api, pages

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        app.state.sessions.close()

    app = FastAPI(
        title="Accord workbench API",
        version=accord.__version__,
        description="Analyse, simulate, forecast and divide: the JSON API behind Accord's web workbench. "
                    "Errors answer {\"detail\": one line}, as the command line prints them.",
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.sessions = SessionPool()
    app.state.store = store or ScenarioStore()
    app.state.tournament = Path(tournament) if tournament else None

    @app.exception_handler(InputError)
    async def input_error(request: Request, error: InputError) -> JSONResponse:
        return JSONResponse({"detail": error.one_line(lambda parameter: f"body.{parameter}")}, status_code=400)

    @app.exception_handler(RequestValidationError)
    async def malformed(request: Request, error: RequestValidationError) -> Response:
        message = one_line(error.errors())
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": message}, status_code=422)
        return pages.malformed(request, message)

    @app.exception_handler(SessionFailed)
    async def session_failed(request: Request, error: SessionFailed) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=error.status)

    app.include_router(api.router)
    _one_line_422_in_openapi(app)
    app.include_router(pages.router)
    from accord.web import play  # a person at the table (issue 14)

    app.include_router(play.api)
    app.include_router(play.page)
    static = resources.files("accord") / "web" / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    assets = resources.files("accord") / "reports" / "assets"  # the plot script, shared with the HTML report
    app.mount("/assets", StaticFiles(directory=str(assets)), name="assets")
    app.add_middleware(UploadLimit)
    if allowed_hosts:
        from starlette.middleware.trustedhost import TrustedHostMiddleware

        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    return app
