"""``/api/docs`` works offline: the page loads Swagger UI from the package, nothing from a CDN."""

from __future__ import annotations

import re


def test_the_docs_page_loads_only_local_assets(client):
    page = client.get("/api/docs")
    assert page.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text) + re.findall(r"url: '([^']+)'", page.text)
    assert sources and all(s.startswith("/") for s in sources), sources
    assert "cdn" not in page.text.lower() and "https://" not in page.text.replace("https://fastapi", "")


def test_the_assets_and_the_schema_are_served(client):
    assert "SwaggerUIBundle" in client.get("/api/docs-assets/swagger-ui-bundle.js").text
    assert client.get("/api/docs-assets/swagger-ui.css").status_code == 200
    assert client.get("/api/openapi.json").json()["info"]["title"] == "Accord workbench API"
