"""Drawing a plot file from the command line: matplotlib's warnings about characters its font lacks (one per
glyph and per drawing pass) become one note naming the file, the characters and the fix."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

import click

_MISSING_GLYPH = re.compile(r"Glyph (\d+) .* missing from font\(s\) (.+?)\.?$")


@contextmanager
def drawing(path: object) -> Iterator[None]:
    """Run the drawing of ``path``; afterwards say once which characters its font could not draw."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    missing: dict[str, None] = {}
    fonts: dict[str, None] = {}
    for warning in caught:
        match = _MISSING_GLYPH.search(str(warning.message))
        if match is None:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
            continue
        missing[chr(int(match.group(1)))] = None
        fonts[match.group(2)] = None
    if missing:
        click.echo(f"note: {path}: the plot's font ({', '.join(fonts)}) cannot draw {''.join(missing)}, so those "
                   "characters show as boxes; install a font that has them (e.g. fonts-noto-cjk) to draw them",
                   err=True)
