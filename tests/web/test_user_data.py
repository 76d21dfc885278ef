"""The forecast and divide pages on the user's own files: uploaded or pasted, read and refused as the CLI does."""

from __future__ import annotations

import html

from click.testing import CliRunner

from accord.cli.main import app

from .conftest import DATA

SULTAN = DATA / "forecast" / "sultan.csv"
BAD_CSV = "Actor,Capability,Position\nA,x,1\n"
DIVIDE = "parties: [Ann, Bob]\nitems:\n  house: [60, 40]\n  car: [40, 60]\n"


def cli_error(*args: str) -> str:
    """The CLI's one-line error, without ``error: `` and with the file named as the web names it."""
    done = CliRunner().invoke(app, list(args))
    assert done.exit_code == 2
    return done.stderr.strip().removeprefix("error: ")


def test_forecast_of_an_uploaded_csv_file(client):
    page = client.post("/forecast", files={"file": ("sultan.csv", SULTAN.read_bytes())}, data={"rounds": "3"})
    assert page.status_code == 200, page.text
    assert "Stakeholders: <b>sultan.csv</b>" in page.text and "HAWKS" in page.text
    assert page.text.count('class="lines-plot"') >= 1


def test_forecast_of_pasted_yaml(client):
    text = ("issues:\n  tax:\n    actors:\n      - {name: A, capability: 1, position: 0, salience: 1}\n"
            "      - {name: B, capability: 1, position: 10, salience: 1}\n")
    page = client.post("/forecast", data={"text": text, "format": "yaml", "model": "compromise", "rounds": "2"})
    assert page.status_code == 200, page.text
    assert "Stakeholders: <b>pasted.yaml</b>" in page.text and "tax" in page.text


def test_a_bad_stakeholder_file_gets_the_cli_line(client, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(BAD_CSV)
    expected = cli_error("forecast", str(path)).replace(str(path), "bad.csv")
    page = client.post("/forecast", files={"file": ("bad.csv", BAD_CSV.encode())})
    assert page.status_code == 400
    assert f"error: {expected}</p>" in html.unescape(page.text)  # as the browser shows it
    pasted = client.post("/forecast", data={"text": BAD_CSV, "format": "csv"})
    assert f"error: {expected.replace('bad.csv', 'pasted.csv')}</p>" in html.unescape(pasted.text)


def test_wrong_type_empty_and_non_utf8_uploads_are_one_line_errors(client):
    page = client.post("/forecast", files={"file": ("notes.txt", b"x")})
    assert page.status_code == 400 and "error: notes.txt: unknown file type &#39;.txt&#39;; use a .csv or .yaml file" in page.text
    page = client.post("/forecast", data={"text": "  "})
    assert page.status_code == 400 and "no file and no text given" in page.text
    page = client.post("/divide", files={"file": ("d.yaml", b"\xff\xfe")})
    assert page.status_code == 400 and "d.yaml: not UTF-8 text" in page.text


def test_divide_of_pasted_text_and_of_an_upload(client):
    page = client.post("/divide", data={"text": DIVIDE})
    assert page.status_code == 200, page.text
    assert "Divide file: <b>pasted.yaml</b>" in page.text and "Ann points" in page.text
    page = client.post("/divide", files={"file": ("mine.yml", DIVIDE.encode())})
    assert page.status_code == 200 and "Divide file: <b>mine.yml</b>" in page.text


def test_a_bad_divide_file_gets_the_cli_line(client, tmp_path):
    path = tmp_path / "bad.yaml"
    text = "parties: [A]\nitems: {x: [1, 2]}\n"
    path.write_text(text)
    expected = cli_error("divide", str(path)).replace(str(path), "pasted.yaml")
    page = client.post("/divide", data={"text": text})
    assert page.status_code == 400 and f"error: {expected}</p>" in page.text


def test_pages_offer_the_upload_and_paste_forms(client):
    for path in ("/forecast", "/divide"):
        page = client.get(path).text
        assert 'enctype="multipart/form-data"' in page and 'name="file"' in page and "<textarea" in page


def test_an_upload_over_the_cap_is_refused_before_it_is_read(client):
    from accord.web.store import MAX_UPLOAD_BYTES

    big = b"a" * (MAX_UPLOAD_BYTES + 512 * 1024)
    for path in ("/forecast", "/divide"):
        answer = client.post(path, files={"file": ("big.yaml", big)})
        assert answer.status_code == 413 and "request: larger than 5 MB" in answer.json()["detail"]
