"""Where the workbench's scenarios come from: bundled ones by name, uploads kept in memory by a server-chosen id.

Nothing the client sends is used as a file-system path: a bundled scenario is looked up by name in the bundled
list; uploaded files are written to a fresh private temporary folder under server-chosen names (only a short
suffix of the client's file name is kept, so the readers know the format), read, and the folder is deleted.
Error messages name the files as the client named them, so they read exactly like the command line's.
"""

from __future__ import annotations

import dataclasses
import re
import secrets
import shutil
import tempfile
import threading
import time
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path, PurePosixPath, PureWindowsPath

import accord
from accord.errors import ScenarioError
from accord.space.outcomes import check_matrix_bytes, enumerable
from accord.io.versions import fingerprint
from accord.analysis.feasibility import count_feasible

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UPLOAD_FILES = 32
MAX_OUTCOMES = 10**7
MAX_UPLOADS_KEPT = 32
MAX_MATRIX_BYTES = MAX_OUTCOMES * 2 * 8
"""The largest utility matrix the workbench builds: 10⁷ outcomes of two parties, 2·10⁶ of ten. Larger scenarios
are analysed by an exact search where their utilities allow one (see :func:`workbench_method`)."""


class NotFound(LookupError):
    """No scenario has that id."""


def display_name(filename: str | None, index: int) -> str:
    """The client's file name reduced to a safe base name for messages and scenario names (never a path)."""
    base = PurePosixPath(PureWindowsPath(filename or "").name).name
    base = re.sub(r"[^A-Za-z0-9._ -]+", "_", base).strip(" .")[:80]
    return base or f"upload-{index + 1}"


def _suffix(name: str) -> str:
    suffix = PurePosixPath(name).suffix.lower()
    return suffix if re.fullmatch(r"\.[a-z0-9]{1,8}", suffix) else ""


def workbench_method(scenario) -> str | None:
    """How the workbench analyses ``scenario``: ``None`` (the default choice, enumeration) when it fits the
    workbench's enumeration limits, else the exact search its utilities allow; ``None`` too when neither applies
    (then :func:`check_size` refuses it)."""
    from accord.analysis.method_choice import search_method

    if enumerable(scenario, MAX_OUTCOMES, MAX_MATRIX_BYTES):
        return None
    return search_method(scenario)


def check_size(scenario, source: str) -> None:
    """Refuse scenarios the workbench cannot analyse: more than 10⁷ outcomes (or a utility matrix over
    :data:`MAX_MATRIX_BYTES`) with no exact method beyond enumeration. The upload itself is capped by its bytes
    (:data:`MAX_UPLOAD_BYTES`), not by the outcomes it describes."""
    if enumerable(scenario, MAX_OUTCOMES, MAX_MATRIX_BYTES) or workbench_method(scenario):
        return
    if scenario.cartesian_size > MAX_OUTCOMES:
        raise ScenarioError(f"has {scenario.cartesian_size:,} outcomes; the workbench enumerates at most "
                            f"{MAX_OUTCOMES:,}, and beyond that it needs every utility linear-additive, or made of "
                            "hyper-rectangles with no hard constraint", source=source,
                            fix="reduce the issues or options, or use the command line")
    check_matrix_bytes(scenario, MAX_MATRIX_BYTES, "the workbench analyses", source)


def _unmasked(text: str, folder: Path, replacements: list[tuple[str, str]]) -> str:
    """``text`` with the temporary folder and file names replaced by the names the client gave."""
    text = text.replace(str(folder) + "/", "")
    for stem, name in replacements:
        bare = PurePosixPath(name).stem or name  # a party named after its file: the name without its suffix
        text = re.sub(re.escape(stem) + r"(\.[A-Za-z0-9]{1,8})?", lambda m, n=name, b=bare: n if m[1] else b, text)
    return text


def _renamed(scenario, names: dict[str, str], folder: Path, replacements: list[tuple[str, str]]):
    """The scenario with temporary file stems (used by GENIUS/GeniusWeb readers as names, and in notes)
    replaced."""
    parties = tuple(dataclasses.replace(p, name=names.get(p.name, p.name)) for p in scenario.parties)
    notes = tuple(_unmasked(note, folder, replacements) for note in scenario.notes)
    return dataclasses.replace(scenario, name=names.get(scenario.name, scenario.name), parties=parties, notes=notes)


def read_upload(files: list[tuple[str | None, bytes]]) -> accord.Scenario:
    """Read one scenario from uploaded ``(client file name, content)`` pairs, in the order given."""
    if not files:
        raise ScenarioError("no scenario given", fix="name a scenario file, folder or bundled scenario")
    files, skipped = _without_stray_xml(files)
    shown = [display_name(name, k) for k, (name, _) in enumerate(files)]
    folder = Path(tempfile.mkdtemp(prefix="accord-upload-"))
    try:
        paths, replacements = [], []
        for k, ((_, content), name) in enumerate(zip(files, shown)):
            stem = f"upload{k}x{secrets.token_hex(4)}"
            path = folder / f"{stem}{_suffix(name)}"
            path.write_bytes(content)
            paths.append(path)
            replacements.append((stem, name))
        try:
            scenario = accord.load(*paths)
        except ScenarioError as error:
            raise ScenarioError(_unmasked(error.one_line(), folder, replacements)) from None
        except (RecursionError, MemoryError, ValueError, TypeError, KeyError, IndexError) as error:
            # a reader tripped over input it does not expect: refuse the upload instead of failing the server
            raise ScenarioError(f"cannot be read ({type(error).__name__})", source=" ".join(shown),
                                fix="check that the files form one valid scenario") from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    stems = {stem: PurePosixPath(name).stem or name for stem, name in replacements}
    scenario = _renamed(scenario, stems, folder, replacements)
    check_size(scenario, " ".join(shown))
    return dataclasses.replace(scenario, notes=scenario.notes + skipped) if skipped else scenario


def _without_stray_xml(files: list[tuple[str | None, bytes]]) -> tuple[list, tuple[str, ...]]:
    """The files of a GENIUS folder uploaded whole, without those that are not XML (GENIUS ships its
    precomputed frontier as a ``pareto.xml`` of plain numbers), each skipped with a note as a folder read skips
    it; one file, or files that are not all ``.xml``, are kept as given."""
    if len(files) < 2 or not all(_suffix(display_name(name, k)) == ".xml" for k, (name, _) in enumerate(files)):
        return files, ()
    from accord.io.genius.read import skipped_note
    from accord.io.xml_safe import looks_like_xml

    kept = [(name, data) for name, data in files if looks_like_xml(data)]
    skipped = tuple(skipped_note(display_name(name, k)) for k, (name, data) in enumerate(files)
                    if not looks_like_xml(data))
    return kept, skipped


@lru_cache(maxsize=8)
def _load_bundled(path: str) -> accord.Scenario:
    return accord.load(Path(path))


class ScenarioStore:
    """Bundled scenarios (by name) and this server's uploads (by id, the most recent few kept in memory, each with
    its upload time so that copies of one file can be told apart)."""

    def __init__(self, max_kept: int = MAX_UPLOADS_KEPT) -> None:
        self._uploads: OrderedDict[str, tuple[accord.Scenario, dict]] = OrderedDict()
        self._lock = threading.Lock()
        self.max_kept = max_kept

    @staticmethod
    def bundled() -> dict[str, Path]:
        """Bundled scenarios by id: the bundled files, then the research library's scenarios (id
        ``collection:folder``, e.g. ``genius:Laptop``, so that the id is one URL path segment)."""
        from accord.io.bundled import library_scenarios

        library = {name.replace("/", LIBRARY_SEPARATOR): path for name, path in library_scenarios().items()}
        return {**accord.bundled_scenarios(), **library}

    def add(self, scenario: accord.Scenario) -> str:
        sid = "upload-" + secrets.token_hex(6)
        entry = summary(sid, scenario, "uploaded", time.time())
        with self._lock:
            self._uploads[sid] = (scenario, entry)
            while len(self._uploads) > self.max_kept:
                self._uploads.popitem(last=False)
        return sid

    def remove(self, sid: str) -> bool:
        """Forget an upload; False when no upload has that id (bundled scenarios cannot be removed)."""
        with self._lock:
            return self._uploads.pop(sid, None) is not None

    def get(self, sid: str) -> accord.Scenario:
        """The scenario stored as ``sid`` (a library scenario may also be named ``collection/folder``)."""
        sid = library_id(sid)
        bundled = self.bundled()
        if sid in bundled:
            return _load_bundled(str(bundled[sid]))
        with self._lock:
            if sid in self._uploads:
                return self._uploads[sid][0]
        raise NotFound(sid)

    def summary_of(self, sid: str) -> dict:
        """The list entry of one stored scenario."""
        sid = library_id(sid)
        bundled = self.bundled()
        if sid in bundled:
            return _bundled_summary(sid, str(bundled[sid]))
        with self._lock:
            if sid not in self._uploads:
                raise NotFound(sid)
            return self._uploads[sid][1]

    def summaries(self) -> list[dict]:
        out = [_bundled_summary(name, str(path)) for name, path in self.bundled().items()]
        with self._lock:
            uploads = list(self._uploads.items())
        out += [entry for _, (_, entry) in reversed(uploads)]
        return out


LIBRARY_SEPARATOR = ":"


def library_id(name: str) -> str:
    """The store's id of a library scenario named ``collection/folder`` (other ids unchanged)."""
    return name.replace("/", LIBRARY_SEPARATOR, 1) if name.count("/") == 1 else name


@lru_cache(maxsize=1024)
def _bundled_summary(name: str, path: str) -> dict:
    return summary(name, _load_bundled(path), "library" if LIBRARY_SEPARATOR in name else "bundled")


def summary(sid: str, scenario: accord.Scenario, source: str, uploaded: float | None = None) -> dict:
    """A list entry: feasible outcomes (what the analysis counts), the content hash, and the upload time."""
    when = None if uploaded is None else time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(uploaded))
    try:  # exact, also beyond enumeration; None when too many constraints make counting costly
        outcomes = count_feasible(scenario)
    except ScenarioError:  # the scenario's page says why
        outcomes = None
    return {"id": sid, "name": scenario.name, "title": scenario.title, "parties": list(scenario.party_names),
            "issues": len(scenario.issues), "outcomes": outcomes, "source": source,
            "notes": list(scenario.notes), "version": fingerprint(scenario), "uploaded": when}
