"""Every request passes the guard: the Host it names (loopback servers), the site it comes from (state-changing
requests) and the size of its body, each refused with one line."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from accord.web import create_app
from accord.web.guard import MAX_BODY_BYTES, foreign_origin, host_name, url_host

MINI = "mini.yaml"


def upload(client, content: bytes, **headers):
    return client.post("/api/scenarios", files=[("files", (MINI, content, "text/yaml"))], headers=headers)


def test_uploads_from_another_site_are_refused(client, mini_yaml):
    response = upload(client, mini_yaml, origin="http://evil.example")
    assert response.status_code == 403
    assert response.json() == {"detail": "request: from another site (http://evil.example) refused; use the "
                                         "workbench's own pages"}
    assert upload(client, mini_yaml, referer="http://evil.example/page").status_code == 403
    assert upload(client, mini_yaml, origin="null").status_code == 403
    assert upload(client, mini_yaml, origin="http://testserver").status_code == 201
    assert upload(client, mini_yaml, referer="http://testserver/upload").status_code == 201
    assert upload(client, mini_yaml).status_code == 201  # a script sends neither
    refused = client.post("/api/analyze", json={"scenario_id": "japan-russia-2019"},
                          headers={"origin": "https://evil.example"})
    assert refused.status_code == 403
    assert client.get("/api/scenarios", headers={"origin": "http://evil.example"}).status_code == 200


@pytest.mark.parametrize("bound", ["127.0.0.1", "localhost", "::1"])
def test_every_loopback_server_checks_the_host(bound):
    app = create_app(allowed_hosts=["127.0.0.1", "localhost", "::1"])
    for host in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000", "[::1]"):
        assert TestClient(app, headers={"host": host}).get("/api/scenarios").status_code == 200, host
    rebound = TestClient(app, headers={"host": "evil.example:8000"}).get("/api/scenarios")
    assert rebound.status_code == 400
    assert rebound.json() == {"detail": "request: Host 'evil.example' is not this server; open the workbench at "
                                        "the address it printed"}


def test_every_state_changing_request_has_a_body_cap(client):
    body = b'{"scenario": {"name": "' + b"x" * MAX_BODY_BYTES + b'"}}'
    response = client.post("/api/analyze", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 413 and "larger than 5 MB" in response.json()["detail"]

    def chunks():  # no Content-Length: the body is counted as it arrives
        yield b'{"scenario": {"name": "'
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b"x" * 65536
        yield b'"}}'

    response = client.post("/api/forecast", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413 and "larger than 5 MB" in response.json()["detail"]


def test_a_chunked_upload_over_the_cap_gets_413_not_a_parse_error(client):
    boundary = "accordboundary"

    def chunks():
        yield (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.yaml\"\r\n"
               "Content-Type: text/yaml\r\n\r\n#").encode()
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b"x" * 65536
        yield f"\r\n--{boundary}--\r\n".encode()

    response = client.post("/api/scenarios", content=chunks(),
                           headers={"content-type": f"multipart/form-data; boundary={boundary}"})
    assert response.status_code == 413, response.text
    assert "larger than 5 MB" in response.json()["detail"]


def test_host_and_origin_parsing():
    assert host_name("[::1]:8000") == "::1" and host_name("LocalHost:80") == "localhost" and host_name("::1") == "::1"
    assert url_host("::1", 8000) == "[::1]:8000" and url_host("127.0.0.1", 80) == "127.0.0.1:80"
    assert foreign_origin({b"host": b"[::1]:8000", b"origin": b"http://[::1]:8000"}) == ""
    assert foreign_origin({b"host": b"localhost:8000", b"origin": b"http://localhost:9000"}) == "http://localhost:9000"
    assert foreign_origin({b"host": b"localhost:8000"}) == ""
