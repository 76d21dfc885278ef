"""Plot files from the command line: characters the font lacks are one note, not a warning per glyph."""

from __future__ import annotations

import warnings

from click.testing import CliRunner

from accord.cli.drawing import drawing
from accord.cli.main import app


def test_missing_glyphs_are_one_note_naming_the_file_and_the_characters(tmp_path):
    text = (open("tests/data/mini.yaml", encoding="utf-8").read()
            .replace("name: A\n", "name: 漁民\n", 1))
    scenario = tmp_path / "fishers.yaml"
    scenario.write_text(text, encoding="utf-8")
    out = tmp_path / "session.png"
    result = CliRunner().invoke(app, ["simulate", str(scenario), "--strategies", "boulware,conceder",
                                      "--rounds", "10", "--plot", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0
    notes = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(notes) == 1 and notes[0].startswith(f"note: {out}: the plot's font (") and "cannot draw 漁民" in notes[0]
    assert "Glyph" not in result.stderr


def test_other_warnings_pass_through_untouched():
    with warnings.catch_warnings(record=True) as outer:
        warnings.simplefilter("always")
        with drawing("x.png"):
            warnings.warn("something else", UserWarning)
    assert [str(w.message) for w in outer] == ["something else"]
