"""Parse small XML files safely and remember where each element starts.

Built on the standard library's expat parser: document type declarations (and so entity definitions) are
refused, which rules out entity-expansion and external-entity attacks; GENIUS files never use them.
Every element's starting line is kept so that errors can say where in the file the problem is. An XML
declaration after leading comments (as in some of GENIUS 10.4's own templates, which GENIUS reads) is moved to
the front, lines kept.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from accord.errors import ScenarioError
from accord.io.files import read_bytes


@dataclass
class XmlDocument:
    """A parsed file: its root element and the line on which each element starts."""

    path: Path
    root: ET.Element
    lines: dict[int, int] = field(default_factory=dict)

    def line(self, element: ET.Element) -> int | None:
        return self.lines.get(id(element))

    def where(self, element: ET.Element, place: str) -> str:
        """``line N: place`` (or just ``place`` when the line is unknown)."""
        line = self.line(element)
        return f"line {line}: {place}" if line else place


class _Refused(Exception):
    pass


def looks_like_xml(data: bytes) -> bool:
    """Whether the file starts (after a byte-order mark and white space) with ``<``."""
    return data.lstrip(b"\xef\xbb\xbf").lstrip()[:1] == b"<"


_BOM = b"\xef\xbb\xbf"
_SPACE = re.compile(rb"\s*")


def _declaration_first(data: bytes) -> bytes:
    """``data`` with an XML declaration that follows comments or white space moved to the very start (its old
    place blanked, so every line keeps its number). One linear scan: comments are skipped, never backtracked."""
    bom = _BOM if data.startswith(_BOM) else b""
    at = len(bom)
    while True:
        start = at
        at = _SPACE.match(data, at).end()
        if data.startswith(b"<!--", at):
            end = data.find(b"-->", at + 4)
            if end < 0:
                return data
            at = end + 3
        elif at == start:
            break
    if at == len(bom) or not (data.startswith(b"<?xml", at) and data[at + 5:at + 6].isspace()):
        return data
    end = data.find(b"?>", at)
    if end < 0:
        return data
    declaration = data[at:end + 2]
    blank = re.sub(rb"[^\n]", b" ", declaration)
    return bom + declaration + data[len(bom):at] + blank + data[end + 2:]


def parse_xml(path: Path, data: bytes | None = None) -> XmlDocument:
    """Parse ``path`` into an element tree; a malformed file raises ``ScenarioError`` with line and column."""
    data = _declaration_first(read_bytes(path) if data is None else data)
    builder = ET.TreeBuilder()
    lines: dict[int, int] = {}
    parser = expat.ParserCreate()

    def start(tag, attributes):
        element = builder.start(tag, attributes)
        lines[id(element)] = parser.CurrentLineNumber

    def refuse(*_args):
        raise _Refused()

    parser.StartElementHandler = start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.buffer_text = True
    parser.ordered_attributes = False
    try:
        parser.Parse(data, True)
        root = builder.close()
    except _Refused:
        raise ScenarioError("the file declares a document type or entities, which are not allowed",
                            source=str(path), where=f"line {parser.CurrentLineNumber}",
                            fix="remove the <!DOCTYPE ...> declaration") from None
    except expat.ExpatError as error:
        message = expat.ErrorString(error.code)
        raise ScenarioError(f"not well-formed XML ({message})", source=str(path),
                            where=f"line {error.lineno}, column {error.offset + 1}",
                            fix="fix the XML syntax, or check that this is a GENIUS file") from None
    except AssertionError:  # TreeBuilder with no root
        raise ScenarioError("the file holds no XML element", source=str(path),
                            fix="check that this is a GENIUS file") from None
    return XmlDocument(path, root, lines)
