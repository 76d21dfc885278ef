"""Reading files safely: every failure becomes a ``ScenarioError`` naming the file."""

from __future__ import annotations

import json
import math
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from accord.errors import ScenarioError


MAX_FILE_BYTES = 16 * 2**20
"""The largest file Accord reads (16 MiB): every scenario, stakeholder, divide, record and spec file."""
MAX_VALUES = 1_000_000
"""The most values a YAML document may stand for once its aliases are expanded."""
MAX_NUMBER_DIGITS = 100
"""The longest number (in digits) a YAML or JSON file may hold."""


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes; a clear error when it is missing, a folder, not a regular file (a FIFO, a device), larger
    than ``limit`` or unreadable. Nothing is read before the checks, and never more than ``limit`` bytes."""
    path = Path(path)
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO must not block the open
    except FileNotFoundError:
        raise ScenarioError("no such file", source=str(path), fix="check the path (or run 'accord scenarios')") from None
    except IsADirectoryError:
        raise ScenarioError("is a folder, not a file", source=str(path), fix="name a file inside it") from None
    except OSError as error:
        raise ScenarioError(f"cannot read the file ({error.strerror})", source=str(path)) from None
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        if stat.S_ISDIR(mode):
            raise ScenarioError("is a folder, not a file", source=str(path), fix="name a file inside it")
        raise ScenarioError("is not a regular file (a pipe, device or socket)", source=str(path),
                            fix="save the data to a file and name that file")
    with os.fdopen(descriptor, "rb") as file:
        try:
            data = file.read(limit + 1)
        except OSError as error:
            raise ScenarioError(f"cannot read the file ({error.strerror})", source=str(path)) from None
    if len(data) > limit:
        raise ScenarioError(f"file is larger than the limit of {limit:,} bytes", source=str(path),
                            fix="shrink or split the file (docs/limits.md lists Accord's limits)")
    return data


def decode_text(data: bytes, source: str) -> str:
    """UTF-8 text (a byte-order mark is dropped); a clear error for other encodings and for NUL bytes."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ScenarioError(f"not UTF-8 text (byte {error.start})", source=source,
                            fix="save the file as UTF-8") from None
    if "\x00" in text:
        raise ScenarioError(f"holds a NUL character (character {text.index(chr(0))})", source=source,
                            fix="save the file as plain UTF-8 text")
    return text


def read_text(path: Path) -> str:
    """The file's text; a clear error when it is missing, a folder, unreadable, too large or not UTF-8."""
    return decode_text(read_bytes(path), str(path))


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``path`` whole or not at all: the data goes to a temporary file in the same folder, which then
    replaces ``path`` in one step; a failure (a full disk) leaves any earlier file as it was."""
    import tempfile  # only writers need it (start-up of the readers)

    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(payload)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise ScenarioError(f"cannot write the file ({error.strerror or error}); any earlier file is unchanged",
                            source=str(path), fix="free some space or choose another place") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _number(source: str, value: str, convert: Callable[[str], Any]) -> Any:
    check_digits(value, source)
    number = convert(value)
    check_finite(float(number), value, source)
    return number


Where = str | Callable[[], str]
"""A place in a file, or a function that formats it (called only when a check refuses, so that reading a file
formats no place for its valid values)."""


def check_digits(text: str, source: str, where: Where = "") -> None:
    """Refuse a number written with more than ``MAX_NUMBER_DIGITS`` digits (before anything converts it)."""
    digits = sum(ch.isdigit() for ch in text)
    if digits > MAX_NUMBER_DIGITS:
        raise ScenarioError(f"a number has {digits:,} digits", source=source, where=_formatted(where),
                            fix=f"write numbers with at most {MAX_NUMBER_DIGITS} digits")


def check_finite(number: float, text: str, source: str, where: Where = "") -> None:
    """Refuse ``number`` (written ``text``) when it is not finite (``nan``, ``inf``, ``1e400``)."""
    if not math.isfinite(number):
        raise ScenarioError(f"'{text.strip()}' is not a finite number", source=source, where=_formatted(where),
                            fix="write a finite number")


def _formatted(where: Where) -> str:
    return where if isinstance(where, str) else where()


def finite_number(text: str, source: str, where: Where = "") -> float | None:
    """The finite number ``text`` writes (XML attributes, CSV cells), or ``None`` when it is not a number;
    over-long and non-finite numbers (``nan``, ``inf``, ``1e400``) are refused with a clear error."""
    check_digits(text, source, where)
    try:
        number = float(text)
    except ValueError:
        return None
    check_finite(number, text, source, where)
    return number


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _unique_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def parse_json(text: str, source: str, parse_float: Callable[[str], Any] | None = None) -> Any:
    """Parsed JSON: a syntax error names the line and column; duplicate keys, non-finite numbers (NaN, Infinity,
    1e400) and numbers of more than ``MAX_NUMBER_DIGITS`` digits are refused."""

    def refuse_constant(name: str) -> Any:
        raise ScenarioError(f"{name} is not a number Accord accepts", source=source, fix="write a finite number")

    try:
        return json.loads(text, object_pairs_hook=_unique_object, parse_constant=refuse_constant,
                          parse_float=lambda v: _number(source, v, parse_float or float),
                          parse_int=lambda v: _number(source, v, int))
    except json.JSONDecodeError as error:
        raise ScenarioError(f"invalid JSON: {error.msg}", source=source,
                            where=f"line {error.lineno}, column {error.colno}", fix="fix the JSON syntax") from None
    except _DuplicateKey as duplicate:
        quoted = json.dumps(duplicate.key)
        lines = [_line_of(text, i) for i in range(len(text)) if text.startswith(quoted, i)][:2]
        where = " and ".join(f"line {line}" for line in lines)
        raise ScenarioError(f"the key {quoted} appears twice in one object ({where})", source=source,
                            fix="keep one of them") from None
    except RecursionError:
        raise ScenarioError("JSON is nested too deeply", source=source,
                            fix="a scenario needs only a few levels of nesting") from None


def read_json(path: Path, parse_float: Callable[[str], Any] | None = None) -> Any:
    """Parsed JSON from a file (see :func:`parse_json`)."""
    return parse_json(read_text(path), str(path), parse_float)


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """How many values a YAML node stands for once every alias is expanded (aliases share node objects), capped
    at ``MAX_VALUES + 1``; a node that contains itself expands for ever."""
    key = id(node)
    if key not in memo:
        memo[key] = MAX_VALUES + 1  # still being counted: reaching it again means it contains itself
        if isinstance(node, yaml.SequenceNode):
            total = 1 + sum(_expanded_size(child, memo) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            total = 1 + sum(_expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value)
        else:
            total = 1
        memo[key] = min(total, MAX_VALUES + 1)
    return memo[key]


_FLOAT = "tag:yaml.org,2002:float"
_INT = "tag:yaml.org,2002:int"


def _yaml_float(text: str) -> float:
    """The value of a YAML float (``.nan``, ``.inf``, ``1.0e400``, ``1_000.5``; a sexagesimal ``1:30.5``, with
    its few digits, is finite: 0 stands for it)."""
    value = text.lower().replace("_", "")
    if "nan" in value:
        return math.nan
    if "inf" in value:
        return math.inf
    return 0.0 if ":" in value else float(value)


def _place(node: yaml.Node) -> str:
    return f"line {node.start_mark.line + 1}, column {node.start_mark.column + 1}"


def _check_nodes(root: yaml.Node, source: str) -> None:
    """Refuse duplicate mapping keys (naming both lines), non-finite floats and over-long numbers."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode) and node.tag in (_FLOAT, _INT):
            place = partial(_place, node)
            check_digits(node.value, source, place)
            if node.tag == _FLOAT:
                check_finite(_yaml_float(node.value), node.value, source, place)
        elif isinstance(node, yaml.MappingNode):
            first: dict[object, yaml.Node] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    label = (key.tag, key.value)
                    if label in first:
                        line = first[label].start_mark.line + 1
                        raise ScenarioError(
                            f"the key '{key.value}' appears twice (line {line} and line {key.start_mark.line + 1})",
                            source=source, where=_place(key), fix="keep one of them")
                    first[label] = key
                stack.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


_EXPONENT = re.compile(r"^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)[eE][-+]?[0-9]+$")


class _Loader(yaml.SafeLoader):
    """The safe loader, also reading numbers with an exponent but no point or no exponent sign (``1e308``,
    ``1.5e3``) as numbers, as YAML 1.2 and JSON do (YAML 1.1, which PyYAML follows, reads them as text)."""


_Loader.add_implicit_resolver(_FLOAT, _EXPONENT, list("-+.0123456789"))

_LIBYAML_BASE = getattr(yaml, "CSafeLoader", None)  # absent where PyYAML was built without libyaml
if _LIBYAML_BASE is not None:
    class _LibyamlLoader(_LIBYAML_BASE):  # type: ignore[misc, valid-type]
        """libyaml's safe loader (several times faster), resolving numbers as :class:`_Loader` does."""

    _LibyamlLoader.add_implicit_resolver(_FLOAT, _EXPONENT, list("-+.0123456789"))
else:
    _LibyamlLoader = None


def _composed(text: str) -> tuple[Any, yaml.Node | None]:
    """The loader and the root node of ``text``: libyaml's where it is installed and reads the text, else the
    Python loader's, so every error comes from the Python loader, whose messages are the clearer (it names the
    offending character). Both refuse the same control characters, as checked here."""
    if _LibyamlLoader is not None and not yaml.reader.Reader.NON_PRINTABLE.search(text):
        loader = _LibyamlLoader(text)
        try:
            return loader, loader.get_single_node()
        except yaml.YAMLError:
            loader.dispose()
    loader = _Loader(text)  # refuses control characters
    return loader, loader.get_single_node()


def parse_yaml(text: str, source: str) -> Any:
    """Parsed YAML with the limits every Accord file gets: aliases may expand to at most ``MAX_VALUES`` values,
    keys are unique, numbers are finite and of at most ``MAX_NUMBER_DIGITS`` digits; a syntax error names the
    line and column."""
    loader = None
    try:
        loader, node = _composed(text)
        if node is None:
            return None
        if _expanded_size(node, {}) > MAX_VALUES:
            raise ScenarioError(f"YAML anchors and aliases expand to more than {MAX_VALUES:,} values",
                                source=source, fix="write the values out instead of repeating aliases")
        _check_nodes(node, source)
        return loader.construct_document(node)
    except RecursionError:
        raise ScenarioError("YAML is nested too deeply", source=source,
                            fix="a scenario needs only a few levels of nesting") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or getattr(error, "reason", None) or "malformed YAML"
        raise ScenarioError(f"invalid YAML: {problem}", source=source, where=where,
                            fix="fix the YAML syntax (indentation, colons, quotes)") from None
    finally:
        if loader is not None:
            loader.dispose()


def read_yaml(path: Path) -> Any:
    """Parsed YAML from a file (see :func:`parse_yaml`)."""
    return parse_yaml(read_text(path), str(path))


@dataclass(frozen=True)
class ScenarioFiles:
    """The files of one scenario as named by the user: a folder's files (sorted by name) or the files given."""

    files: list[Path]
    folder: Path | None
    source: str
    """How error messages name the scenario: the folder, or the files separated by spaces."""


def scenario_files(paths: list[Path], suffix: str) -> ScenarioFiles:
    """One folder (its files ending in ``suffix``, by name) or a list of files; a mix of both is refused."""
    paths = [Path(p) for p in paths]
    if len(paths) == 1 and paths[0].is_dir():
        folder = paths[0]
        files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == suffix)
        return ScenarioFiles(files, folder, str(folder))
    source = " ".join(map(str, paths))
    if any(p.is_dir() for p in paths):
        raise ScenarioError("give either one folder or the files of one scenario, not both", source=source,
                            fix="name the folder alone")
    return ScenarioFiles(paths, None, source)
