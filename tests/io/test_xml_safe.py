"""Safe XML parsing: document types and entities refused, malformed files located, element lines kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.errors import ScenarioError
from accord.io.xml_safe import looks_like_xml, parse_xml

DOMAIN = b"""<?xml version="1.0"?>
<negotiation_template>
  <utility_space>
    <objective name="root">
      <issue name="a" index="1">
        <item index="1" value="x"/>
      </issue>
    </objective>
  </utility_space>
</negotiation_template>
"""


def test_elements_keep_their_starting_lines():
    document = parse_xml(Path("d.xml"), DOMAIN)
    issue = document.root.find(".//issue")
    assert issue.get("name") == "a"
    assert document.line(document.root) == 2
    assert document.line(issue) == 5
    assert document.line(issue.find("item")) == 6
    assert document.where(issue, "issue 'a'") == "line 5: issue 'a'"


def test_an_element_from_elsewhere_has_no_line():
    document = parse_xml(Path("d.xml"), DOMAIN)
    stranger = parse_xml(Path("e.xml"), DOMAIN).root
    assert document.line(stranger) is None
    assert document.where(stranger, "root") == "root"


@pytest.mark.parametrize("declaration", [
    b'<!DOCTYPE lolz [<!ENTITY lol "lol">]>',
    b'<!DOCTYPE x SYSTEM "file:///etc/passwd">',
])
def test_document_types_and_entities_are_refused(declaration):
    data = b'<?xml version="1.0"?>\n' + declaration + b"\n<root>&lol;</root>\n"
    with pytest.raises(ScenarioError) as caught:
        parse_xml(Path("bomb.xml"), data)
    assert "document type" in caught.value.message
    assert caught.value.where == "line 2"
    assert caught.value.source == "bomb.xml"


def test_malformed_xml_names_line_and_column():
    with pytest.raises(ScenarioError) as caught:
        parse_xml(Path("bad.xml"), b"<a>\n  <b></c>\n</a>\n")
    assert "not well-formed XML (mismatched tag)" in caught.value.message
    assert caught.value.where == "line 2, column 8"


def test_a_file_without_an_element_is_refused():
    with pytest.raises(ScenarioError) as caught:
        parse_xml(Path("empty.xml"), b'<?xml version="1.0"?>')
    assert caught.value.message == "not well-formed XML (no element found)"
    assert caught.value.source == "empty.xml"


def test_the_file_is_read_when_no_bytes_are_given(tmp_path):
    path = tmp_path / "d.xml"
    path.write_bytes(DOMAIN)
    assert parse_xml(path).root.tag == "negotiation_template"


@pytest.mark.parametrize(("data", "expected"), [
    (b"<a/>", True),
    (b"\xef\xbb\xbf  \n<a/>", True),
    (b"accord: 1\n", False),
    (b"", False),
    (b'{"a": "<b>"}', False),
])
def test_looks_like_xml(data, expected):
    assert looks_like_xml(data) is expected


def test_a_declaration_after_a_comment_is_read_as_genius_reads_it():
    # GENIUS 10.4's own template S-1NAGUNL-255/profile-1.xml starts this way
    data = "\n<!-- profile 1 -->\n<?xml version=\"1.0\" encoding=\"iso-8859-1\" ?>\n<a>\n  <b v=\"é\"/>\n</a>\n"
    document = parse_xml(Path("late.xml"), data.encode("iso-8859-1"))
    b = document.root.find("b")
    assert b.get("v") == "é"
    assert document.line(document.root) == 4 and document.line(b) == 5


def test_only_comments_and_white_space_may_precede_a_moved_declaration():
    with pytest.raises(ScenarioError, match="not well-formed"):
        parse_xml(Path("late.xml"), b"<a/>\n<?xml version=\"1.0\"?>\n")
