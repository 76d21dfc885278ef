"""What every request must pass before the workbench reads it: the Host it names, the site it comes from and the
size of its body.

- **Host** (when the server listens on a loopback address): only ``127.0.0.1``, ``localhost`` and ``[::1]``, so a
  page whose DNS name is rebound to the loopback address cannot read the workbench (400).
- **Same origin** for requests that change state (``POST``, ``PUT``, ``PATCH``, ``DELETE``): an ``Origin`` (or,
  without one, a ``Referer``) naming another site is refused (403), so a page the user visits cannot post to the
  workbench. A request with neither (``curl``, a script) passes.
- **Body size**: at most :data:`MAX_BODY_BYTES` for every request with a body, counted as it arrives (a declared
  ``Content-Length`` over the cap is refused before reading; a chunked body is stopped at the cap) (413).

Each refusal is ``{"detail": "<one line>"}``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi.responses import JSONResponse

from accord.web.store import MAX_UPLOAD_BYTES

FORM_OVERHEAD = 256 * 1024  # multipart headers and boundaries on top of the files themselves
MAX_BODY_BYTES = MAX_UPLOAD_BYTES + FORM_OVERHEAD
"""The largest request body the workbench reads (an upload's files plus their form)."""
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
STATE_CHANGING = ("POST", "PUT", "PATCH", "DELETE")
TOO_LARGE = f"request: larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB in all; send a smaller scenario"


class _TooLarge(Exception):
    pass


def host_name(value: str) -> str:
    """The host of a ``Host`` header or URL authority, without port or IPv6 brackets (lower case)."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def url_host(host: str, port: int) -> str:
    """``host:port`` as it stands in a URL (an IPv6 address in brackets)."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def foreign_origin(headers: dict[bytes, bytes]) -> str:
    """The other site a state-changing request comes from, or ``""`` when it comes from this one (or says
    nothing)."""
    host = headers.get(b"host", b"").decode("latin-1").strip().lower()
    for name in (b"origin", b"referer"):
        if name in headers:
            claimed = headers[name].decode("latin-1").strip()
            parts = urlsplit(claimed)
            if claimed.lower() == "null" or parts.scheme not in ("http", "https") or parts.netloc.lower() != host:
                return claimed or "an empty origin"
            return ""
    return ""


class RequestGuard:
    """ASGI middleware enforcing the Host, same-origin and body-size rules above (``allowed_hosts=None``: any
    Host, for a server that listens on a public address)."""

    def __init__(self, app, allowed_hosts: list[str] | None = None, limit: int = MAX_BODY_BYTES) -> None:
        self.app, self.limit = app, limit
        self.allowed = {host_name(h) for h in allowed_hosts} if allowed_hosts else None

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        if self.allowed is not None:
            host = host_name(headers.get(b"host", b"").decode("latin-1"))
            if host not in self.allowed:
                return await _answer(send, 400, f"request: Host '{host}' is not this server; open the workbench "
                                                "at the address it printed")
        if scope.get("method") not in STATE_CHANGING:
            return await self.app(scope, receive, send)
        origin = foreign_origin(headers)
        if origin:
            return await _answer(send, 403, f"request: from another site ({origin[:100]}) refused; use the "
                                            "workbench's own pages")
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            return await _answer(send, 413, TOO_LARGE)
        seen = {"bytes": 0, "over": False, "started": False}

        async def counted():
            message = await receive()
            seen["bytes"] += len(message.get("body", b""))
            if seen["bytes"] > self.limit:
                seen["over"] = True
                raise _TooLarge
            return message

        async def watched(message):
            if seen["over"]:  # the application caught the stop (e.g. as a form it could not parse): answer 413
                if message["type"] == "http.response.start" and not seen["started"]:
                    seen["started"] = True
                    await _answer(send, 413, TOO_LARGE)
                return
            if message["type"] == "http.response.start":
                seen["started"] = True
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except _TooLarge:
            if not seen["started"]:
                seen["started"] = True
                await _answer(send, 413, TOO_LARGE)


def document_refusals(schema: dict) -> dict:
    """Add the guard's answers (403 from another site, 413 over the body cap) to every state-changing operation of
    an OpenAPI document."""
    one_line = {"application/json": {"schema": {"type": "object", "required": ["detail"],
                                                "properties": {"detail": {"type": "string"}}}}}
    refusals = {"403": "a state-changing request from another site", "413": "a body over the size cap"}
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            if method.upper() in STATE_CHANGING:
                for status, description in refusals.items():
                    operation.setdefault("responses", {}).setdefault(
                        status, {"description": description, "content": one_line})
    return schema


async def _answer(send, status: int, line: str) -> None:
    response = JSONResponse({"detail": line}, status_code=status)
    await response({"type": "http"}, None, send)
