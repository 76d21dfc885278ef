"""The tournament store: one SQLite file holding the spec, the plan with its seeds, and one row per session.

Rows are committed in batches, each batch in one transaction, so a killed process leaves only complete sessions;
the unique session key (``ON CONFLICT DO NOTHING``) makes sure a session is never counted twice, while any other
failed insert (a missing value) is an error, never a silently dropped row. The database runs in WAL mode so readers
(``accord results``) never block the writer. A file that is not empty and not an Accord store is never written to.
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from accord.errors import OptionError
from accord.tournament.plan import Plan
from accord.tournament.rows import COLUMNS, SessionRow, position_from_sql

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

_INSERT = (f"INSERT INTO sessions ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))}) "
           "ON CONFLICT DO NOTHING")
_TABLES = {"meta": {"name", "value"}, "plan": {"idx", "key", "scenario", "strategies", "repetition", "seed"},
           "sessions": set(COLUMNS)}
LOCK_WAIT_SECONDS = 30.0
"""How long a store waits for another process's lock on the file before giving up with a clear error."""
_FIX_DB = "name a new file or one written by 'accord tournament'"


def _problem(error: sqlite3.Error, path: str) -> OptionError:
    """A database failure as one line that says what is really wrong."""
    text = str(error)
    if "locked" in text or "busy" in text:
        return OptionError(f"is locked by another program (waited {LOCK_WAIT_SECONDS:g} s)", source=path,
                           parameter="db", fix="wait for the other program to finish, or choose another `db`")
    if "full" in text:
        return OptionError("the disk is full; the sessions stored so far are intact", source=path, parameter="db",
                           fix="free some space and run again to resume")
    if isinstance(error, sqlite3.IntegrityError):
        return OptionError(f"a session could not be stored ({text})", source=path, parameter="db",
                           fix="report this: a finished session had a missing value")
    if "readonly" in text or "read-only" in text:
        return OptionError("is read-only", source=path, parameter="db",
                           fix="make the file writable, or choose another `db`")
    if isinstance(error, sqlite3.DatabaseError) and not isinstance(error, sqlite3.OperationalError) \
            or "malformed" in text or "not a database" in text:
        return OptionError(f"not a tournament database, or a damaged one ({text})", source=path, parameter="db",
                           fix=_FIX_DB)
    return OptionError(f"cannot use the database ({text})", source=path, parameter="db", fix=_FIX_DB)


class Store:
    """A tournament's SQLite file (``":memory:"`` for a throw-away run)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            file = Path(self.path)
            if not file.parent.is_dir():
                raise OptionError("folder does not exist", source=str(file.parent), parameter="db",
                                  fix="create it or choose another `db`")
            if file.is_dir():
                raise OptionError("is a folder, not a database file", source=self.path, parameter="db",
                                  fix="name a file inside it")
            if file.exists() and not os.access(file, os.R_OK | os.W_OK):
                raise OptionError("is read-only (or not readable)", source=self.path, parameter="db",
                                  fix="make the file readable and writable, or choose another `db`")
            if file.is_file() and file.stat().st_size > 0:
                _check_accord_store(file)  # never write into another program's database
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                      timeout=LOCK_WAIT_SECONDS)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(SCHEMA)
        except sqlite3.Error as error:
            raise _problem(error, self.path) from None

    # -- opening a tournament -----------------------------------------------------------------------------------
    def meta(self) -> dict:
        try:
            return {name: json.loads(value) for name, value in self.db.execute("SELECT name, value FROM meta")}
        except (sqlite3.Error, ValueError, TypeError) as error:
            raise self._damaged(error) from None

    def begin(self, plan: Plan) -> set[int]:
        """Record ``plan`` (a new store) or check it is the stored one (resuming); the indices already done.

        Reading and writing happen in one transaction, so two runs starting at once on a new file record the plan
        once: the second waits for the first, then finds the plan stored."""
        fingerprint = plan.fingerprint()
        try:
            with self.transaction():
                stored = self.meta()
                if not stored:
                    self._record(plan, fingerprint)
                    return set()
        except sqlite3.Error as error:
            raise _problem(error, self.path) from None
        if stored.get("fingerprint") != fingerprint:
            raise OptionError("holds a different tournament (strategies, scenarios, repetitions, seed or "
                              "settings differ)", source=self.path, parameter="db",
                              fix="rerun with the same spec to resume, or choose another `db`")
        return self.done()

    def _record(self, plan: Plan, fingerprint: object) -> None:
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

    def _damaged(self, error: Exception) -> OptionError:
        if isinstance(error, sqlite3.OperationalError):
            return _problem(error, self.path)
        return OptionError(f"is a damaged tournament database ({error})", source=self.path, parameter="db",
                           fix="run the tournament again into a new file")

    def transaction(self):
        return _Transaction(self.db)

    # -- writing ------------------------------------------------------------------------------------------------
    def add(self, rows: Iterable[SessionRow]) -> int:
        """Store finished sessions in one transaction; returns how many were new. A session already stored is
        skipped; a row the store cannot hold (a missing or non-finite value) is an error, never dropped."""
        rows = list(rows)
        for row in rows:
            bad = [name for name, value in zip(COLUMNS, row.sql_values())
                   if isinstance(value, float) and not math.isfinite(value)]
            if bad:
                raise ValueError(f"session {row.key} has non-finite {', '.join(bad)}; it cannot be stored")
        try:
            with self.transaction():
                before = self.db.total_changes
                self.db.executemany(_INSERT, (row.sql_values() for row in rows))
                return self.db.total_changes - before
        except sqlite3.Error as error:
            raise _problem(error, self.path) from None

    # -- reading ------------------------------------------------------------------------------------------------
    def done(self) -> set[int]:
        try:
            return {idx for (idx,) in self.db.execute("SELECT idx FROM sessions")}
        except sqlite3.Error as error:
            raise self._damaged(error) from None

    def count(self) -> int:
        try:
            return self.db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
        except sqlite3.Error as error:
            raise self._damaged(error) from None

    def planned(self) -> int:
        try:
            return self.db.execute("SELECT COUNT(*) FROM plan").fetchone()[0]
        except sqlite3.Error as error:
            raise self._damaged(error) from None

    def rows(self) -> list[dict]:
        """Every stored session, in plan order, as a dict with ``strategies`` and ``utilities`` as lists; a
        damaged file (unreadable pages, values of the wrong kind) is a clear error."""
        try:
            return [_checked(row) for row in self._rows()]
        except (sqlite3.Error, ValueError, TypeError, KeyError) as error:
            raise self._damaged(error) from None

    def _rows(self) -> list[dict]:
        out = []
        assignments: dict[str, list[str]] = {}  # few distinct values: decode each once
        for values in self.db.execute(f"SELECT {', '.join(COLUMNS)} FROM sessions ORDER BY idx"):
            row = dict(zip(COLUMNS, values))
            text = row["strategies"]
            if text not in assignments:
                assignments[text] = json.loads(text)
            row["strategies"] = list(assignments[text])
            row["utilities"] = json.loads(row["utilities"])
            row["position"] = position_from_sql(row["position"])  # past 64 bits, text "…n" (SessionRow.sql_values)
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


_NUMBERS = ("agreement", "rounds", "steps", "time", "welfare", "elapsed", "repetition", "seed")


def _checked(row: dict) -> dict:
    """``row`` when its values have the kinds a stored session has; ``ValueError`` otherwise (a damaged file)."""
    strategies, utilities = row["strategies"], row["utilities"]
    if not (isinstance(strategies, list) and all(isinstance(s, str) for s in strategies)
            and isinstance(utilities, list) and len(utilities) == len(strategies)
            and all(isinstance(u, (int, float)) and not isinstance(u, bool) for u in utilities)):
        raise ValueError(f"session {row['idx']} has malformed strategies or utilities")
    for name in _NUMBERS:
        if not isinstance(row[name], (int, float)):
            raise ValueError(f"session {row['idx']} has a malformed {name}")
    return row


def open_existing(path: str | Path) -> Store:
    """A store that must already hold a tournament (for ``accord results``)."""
    if str(path) != ":memory:" and Path(path).is_dir():
        raise OptionError("is a folder, not a tournament database", source=str(path),
                          fix="give the database file of a tournament")
    if str(path) != ":memory:" and not Path(path).is_file():
        raise OptionError("no such tournament database", source=str(path), fix="give the database of a tournament")
    if str(path) != ":memory:" and Path(path).stat().st_size == 0:
        raise OptionError("holds no tournament (the file is empty)", source=str(path),
                          fix="give the database of a tournament")
    store = Store(path)
    if not store.meta():
        store.close()
        raise OptionError("holds no tournament", source=str(path), fix="give the database of a tournament")
    return store


def _check_accord_store(path: Path) -> None:
    """Refuse a non-empty file that is not an Accord store, looked at read-only so that it stays byte-identical
    (another program's database, a file that is not SQLite, a damaged file)."""
    try:
        probe = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=LOCK_WAIT_SECONDS)
    except sqlite3.Error as error:
        raise _problem(error, str(path)) from None
    try:
        tables = {name: {row[1] for row in probe.execute(f'PRAGMA table_info("{name.replace(chr(34), chr(34) * 2)}")')}
                  for (name,) in probe.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.Error as error:
        raise _problem(error, str(path)) from None
    finally:
        probe.close()
    if not tables:
        return  # an SQLite file with no tables yet
    if set(tables) != set(_TABLES) or any(not columns <= tables[name] for name, columns in _TABLES.items()):
        raise OptionError("is another program's database, not a tournament database (it is left untouched)",
                          source=str(path), parameter="db", fix=_FIX_DB)
