"""Property-based fuzzing of the upload endpoint (and the JSON endpoints) from the OpenAPI document, in-process.

Schemathesis generates conforming and non-conforming requests; every answer must be a documented, non-5xx
response whose body matches the schema. The examples are few (30 per operation) so this stays quick.
"""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402

from accord.web import create_app  # noqa: E402

app = create_app()
schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
# A schema-valid upload (any bytes) is usually not a valid scenario, and a schema-valid forecast request may name
# no bundled file: rejecting those with 400 and a one-line message is the point, so that check is excluded.
# Starlette answers 405 with the ``Allow`` methods of the first route on the path only (a framework quirk about
# OPTIONS/PUT, not about uploads), so that check is excluded too.
EXCLUDED = [schemathesis.checks.positive_data_acceptance, schemathesis.checks.allow_header_conformance]
FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


@schema.include(path="/api/scenarios", method="POST").parametrize()
@FUZZ
def test_upload_endpoint_fuzzed(case):
    response = case.call()
    assert response.status_code < 500, response.text
    assert response.status_code in (201, 400, 405, 413, 422), response.text
    case.validate_response(response, excluded_checks=EXCLUDED)
    if response.status_code == 400:
        detail = response.json()["detail"]
        assert "\n" not in detail and "accord-upload" not in detail and "upload0x" not in detail
    assert_one_line_422(response)


@schema.include(method="POST", path_regex="^/api/(divide|forecast)$").parametrize()
@FUZZ
def test_small_endpoints_fuzzed(case):
    response = case.call()
    assert response.status_code < 500, response.text
    case.validate_response(response, excluded_checks=EXCLUDED)
    assert_one_line_422(response)


def assert_one_line_422(response) -> None:
    """A malformed request's answer is one line naming a place (``body...``), not FastAPI's list."""
    if response.status_code == 422:
        detail = response.json()["detail"]
        assert isinstance(detail, str) and "\n" not in detail and detail.startswith("body"), detail
