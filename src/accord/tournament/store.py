"""The tournament store: one SQLite file holding the spec, the plan with its seeds, and one row per session.

Rows are committed in batches, each batch in one transaction, so a killed process leaves only complete sessions;
the unique session key (``INSERT OR IGNORE``) makes sure a session is never counted twice. The database runs in
WAL mode so readers (``accord results``) never block the writer.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from accord.errors import OptionError
from accord.tournament.plan import Plan
from accord.tournament.rows import COLUMNS, SessionRow

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS plan (
    idx INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, scenario TEXT NOT NULL, strategies TEXT NOT NULL,
    repetition INTEGER NOT NULL, seed INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    idx INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, scenario TEXT NOT NULL, repetition INTEGER NOT NULL,
    seed INTEGER NOT NULL, strategies TEXT NOT NULL, utilities TEXT NOT NULL, agreement INTEGER NOT NULL,
    position INTEGER, rounds INTEGER NOT NULL, steps INTEGER NOT NULL, time REAL NOT NULL, ended_by TEXT NOT NULL,
    fault_party INTEGER, fault_strategy TEXT, fault_kind TEXT, fault_message TEXT, welfare REAL NOT NULL,
    pareto_distance REAL, nash_distance REAL, elapsed REAL NOT NULL
);
"""

_INSERT = f"INSERT OR IGNORE INTO sessions ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"


class Store:
    """A tournament's SQLite file (``":memory:"`` for a throw-away run)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            parent = Path(self.path).parent
            if not parent.is_dir():
                raise OptionError("folder does not exist", source=str(parent), parameter="db",
                                  fix="create it or choose another `db`")
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(SCHEMA)
        except sqlite3.DatabaseError as error:
            raise OptionError(f"not a tournament database ({error})", source=self.path,
                              fix="name a new file or one written by 'accord tournament'") from None

    # -- opening a tournament -----------------------------------------------------------------------------------
    def meta(self) -> dict:
        return {name: json.loads(value) for name, value in self.db.execute("SELECT name, value FROM meta")}

    def begin(self, plan: Plan) -> set[int]:
        """Record ``plan`` (a new store) or check it is the stored one (resuming); the indices already done."""
        stored = self.meta()
        fingerprint = plan.fingerprint()
        if stored:
            if stored.get("fingerprint") != fingerprint:
                raise OptionError("holds a different tournament (strategies, scenarios, repetitions, seed or "
                                  "settings differ)", source=self.path, parameter="db",
                                  fix="rerun with the same spec to resume, or choose another `db`")
            return self.done()
        with self.transaction():
            self.db.executemany("INSERT INTO meta VALUES (?, ?)", [
                ("fingerprint", json.dumps(fingerprint)), ("spec", json.dumps(plan.describe())),
                ("labels", json.dumps(list(plan.labels))),
            ])
            names = {assigned: json.dumps([plan.labels[k] for k in assigned])
                     for assigned in {t.strategies for t in plan.tasks}}
            self.db.executemany("INSERT INTO plan VALUES (?, ?, ?, ?, ?, ?)", [
                (t.index, t.key, plan.scenarios[t.scenario].name, names[t.strategies], t.repetition, t.seed)
                for t in plan.tasks
            ])
        return set()

    def transaction(self):
        return _Transaction(self.db)

    # -- writing ------------------------------------------------------------------------------------------------
    def add(self, rows: Iterable[SessionRow]) -> int:
        """Store finished sessions in one transaction; returns how many were new."""
        with self.transaction():
            before = self.db.total_changes
            self.db.executemany(_INSERT, (row.sql_values() for row in rows))
            return self.db.total_changes - before

    # -- reading ------------------------------------------------------------------------------------------------
    def done(self) -> set[int]:
        return {idx for (idx,) in self.db.execute("SELECT idx FROM sessions")}

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]

    def planned(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM plan").fetchone()[0]

    def rows(self) -> list[dict]:
        """Every stored session, in plan order, as a dict with ``strategies`` and ``utilities`` as lists."""
        out = []
        assignments: dict[str, list[str]] = {}  # few distinct values: decode each once
        for values in self.db.execute(f"SELECT {', '.join(COLUMNS)} FROM sessions ORDER BY idx"):
            row = dict(zip(COLUMNS, values))
            text = row["strategies"]
            if text not in assignments:
                assignments[text] = json.loads(text)
            row["strategies"] = list(assignments[text])
            row["utilities"] = json.loads(row["utilities"])
            out.append(row)
        return out

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, error, traceback) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")


def open_existing(path: str | Path) -> Store:
    """A store that must already hold a tournament (for ``accord results``)."""
    if str(path) != ":memory:" and not Path(path).is_file():
        raise OptionError("no such tournament database", source=str(path), fix="give the database of a tournament")
    if str(path) != ":memory:" and not _holds_tournament(Path(path)):
        raise OptionError("holds no tournament", source=str(path), fix="give the database of a tournament")
    store = Store(path)
    if not store.meta():
        store.close()
        raise OptionError("holds no tournament", source=str(path), fix="give the database of a tournament")
    return store


def _holds_tournament(path: Path) -> bool:
    """Whether ``path`` has a tournament's ``meta`` table, looked at read-only: an empty file or another
    program's database is left exactly as it was (opening it as a ``Store`` would write a schema into it)."""
    try:
        probe = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error:
        return True  # let Store report what is wrong
    try:
        found = probe.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone()
        return found is not None
    except sqlite3.DatabaseError as error:
        raise OptionError(f"not a tournament database ({error})", source=str(path),
                          fix="name a new file or one written by 'accord tournament'") from None
    finally:
        probe.close()
