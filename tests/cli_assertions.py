"""What every CLI test expects of a user error: exit code 2 and one ``error:`` line naming the problem."""


def assert_one_line_error(result, *fragments: str) -> None:
    """``result`` (a CliRunner result) failed with exit code 2 and one stderr line containing ``fragments``."""
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), lines[0]
    assert "Traceback" not in result.stderr + result.stdout
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
