"""What every CLI test expects of a user error (exit code 2 and one ``error:`` line naming the problem) and of a
table on a narrow terminal (nothing cut, no header split mid-word, CJK aligned)."""

import re


def assert_one_line_error(result, *fragments: str) -> None:
    """``result`` (a CliRunner result) failed with exit code 2 and one stderr line containing ``fragments``."""
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), lines[0]
    assert "Traceback" not in result.stderr + result.stdout
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def table_blocks(text: str) -> list[list[str]]:
    """The box-drawn tables in ``text``, each as its lines (from its top border to its bottom border)."""
    blocks, block = [], None
    for line in text.splitlines():
        if line.startswith(("┏", "┌")):
            block = [line]
        elif block is not None:
            block.append(line)
            if line.startswith("└"):
                blocks.append(block)
                block = None
    return blocks


def header_texts(block: list[str]) -> list[str]:
    """The text of each column's header in a table, its wrapped lines joined by spaces."""
    lines = [line for line in block[1:block.index(next(row for row in block if row.startswith("┡")))]]
    columns = [cell.split() for cell in lines[0].split("┃")[1:-1]]
    for line in lines[1:]:
        for words, cell in zip(columns, line.split("┃")[1:-1]):
            words.extend(cell.split())
    return [" ".join(words) for words in columns]


def assert_readable_tables(text: str, width: int = 80, headers: tuple[str, ...] = ()) -> None:
    """Every line of ``text`` fits ``width`` terminal cells, every table's lines are equally wide (CJK included),
    no word is cut short with '…', and each of ``headers`` heads a column of some table with its words whole."""
    from rich.cells import cell_len

    assert max(cell_len(line) for line in text.splitlines()) <= width, text
    assert not re.search(r"\w…\s*(│|┃|$)", text, re.MULTILINE), text  # a word cut at the end of its cell
    blocks = table_blocks(text)
    for block in blocks:
        assert len({cell_len(line) for line in block}) == 1, "\n".join(block)
    shown = {header for block in blocks if any(row.startswith("┡") for row in block) for header in header_texts(block)}
    for header in headers:
        assert header in shown, (header, shown)
