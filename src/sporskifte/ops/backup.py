"""Backups and restores of the database, and the restore drill that proves a copy is whole.

- SQLite: the online backup API (`sqlite3.Connection.backup`), a consistent copy while the
  app runs.
- PostgreSQL: `pg_dump --format=custom` inside an exported snapshot, restored with
  `pg_restore`.

Each backup has a manifest beside it (`FILE.manifest.json`): every table's row count and a
SHA-256 over its rows, taken from the same snapshot as the copy. The drill restores the
backup into a scratch database, fingerprints it, and compares: every table, every row, and
the audit log's append-only guard still in force.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.db import connection

Fingerprint = dict[str, tuple[int, str]]
AUDIT_TABLE = "audit_logentry"


class BackupError(RuntimeError):
    """A backup or restore step failed; the message names it."""


def manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name + ".manifest.json")


def _fingerprint(cursor: Any, tables: list[str]) -> Fingerprint:
    result: Fingerprint = {}
    for table in sorted(tables):
        digest = hashlib.sha256()
        count = 0
        cursor.execute(f'SELECT * FROM "{table}" ORDER BY 1')  # noqa: S608 - names from the catalogue
        for row in cursor.fetchall():
            digest.update(repr(tuple(_plain(v) for v in row)).encode())
            count += 1
        result[table] = (count, digest.hexdigest())
    return result


def _plain(value: Any) -> Any:
    if isinstance(value, memoryview):
        return bytes(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat() if value.tzinfo else value.isoformat()
    return value


def _sqlite_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return [r[0] for r in rows]


def _pg_tables(cursor: Any) -> list[str]:
    cursor.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
    )
    return [r[0] for r in cursor.fetchall()]


def _pg_params(settings_dict: dict[str, Any]) -> dict[str, str]:
    """libpq environment for the pg tools, from Django's database settings."""
    env = {"PGDATABASE": settings_dict["NAME"]}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if settings_dict.get(key):
            env[var] = str(settings_dict[key])
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return env


def _conninfo(params: dict[str, str]) -> str:
    names = {"PGDATABASE": "dbname", "PGHOST": "host", "PGPORT": "port", "PGUSER": "user"}
    parts = [f"{names[k]}={v}" for k, v in params.items() if k in names]
    if "PGPASSWORD" in params:
        parts.append(f"password={params['PGPASSWORD']}")
    return " ".join(parts)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} not found: install the PostgreSQL client (postgresql-client)")
    return path


def _run(args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(  # noqa: S603 - fixed tool, arguments from our own settings
        args, env={**os.environ, **env}, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} failed: {done.stderr.strip()[:500]}")


def fingerprint_live() -> Fingerprint:
    """The configured database's committed rows now (for tests and a quiet system), read as
    the backup reads them (a plain connection), not as Django converts them."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        plain = sqlite3.connect(":memory:")
        try:
            connection.connection.backup(plain)
            return _fingerprint(plain.cursor(), _sqlite_tables(plain))
        finally:
            plain.close()
    import psycopg

    conninfo = _conninfo(_pg_params(connection.settings_dict))
    with psycopg.connect(conninfo) as conn, conn.cursor() as cursor:
        return _fingerprint(cursor, _pg_tables(cursor))


@dataclass(frozen=True)
class Backup:
    path: Path
    vendor: str
    tables: Fingerprint

    @property
    def rows(self) -> int:
        return sum(count for count, _ in self.tables.values())


def backup(out: Path) -> Backup:
    """Copy the configured database to `out` (and its manifest beside it)."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    vendor = connection.vendor
    if vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(out)
        try:
            connection.connection.backup(target)
            tables = _fingerprint(target.cursor(), _sqlite_tables(target))
        finally:
            target.close()
    elif vendor == "postgresql":
        tables = _pg_dump(out)
    else:
        raise BackupError(f"no backup procedure for the {vendor} database")
    manifest = {
        "vendor": vendor,
        "made": datetime.now(UTC).isoformat(),
        "tables": {name: list(value) for name, value in tables.items()},
    }
    manifest_path(out).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return Backup(out, vendor, tables)


def _pg_dump(out: Path) -> Fingerprint:
    import psycopg

    params = _pg_params(connection.settings_dict)
    with psycopg.connect(_conninfo(params)) as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        with conn.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            row = cursor.fetchone()
            assert row is not None
            snapshot = row[0]
            tables = _fingerprint(cursor, _pg_tables(cursor))
            # The dump reads the very snapshot the fingerprint was taken in.
            _run(
                [_tool("pg_dump"), "--format=custom", f"--snapshot={snapshot}", f"--file={out}"],
                params,
            )
    return tables


def restore_sqlite(source: Path, target: Path) -> None:
    """Restore a SQLite backup into `target` (through the backup API, never a half copy)."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def restore_postgres(source: Path, database: str, settings_dict: dict[str, Any]) -> None:
    """Restore a custom-format dump into the (existing, empty) database `database`."""
    params = {**_pg_params(settings_dict), "PGDATABASE": database}
    _run([_tool("pg_restore"), "--no-owner", "--exit-on-error", f"--dbname={database}",
          str(source)], params)  # fmt: skip


@dataclass(frozen=True)
class DrillReport:
    expected: Fingerprint
    restored: Fingerprint
    audit_append_only: bool

    @property
    def mismatches(self) -> list[str]:
        names = sorted(set(self.expected) | set(self.restored))
        return [n for n in names if self.expected.get(n) != self.restored.get(n)]

    @property
    def ok(self) -> bool:
        return not self.mismatches and self.audit_append_only and AUDIT_TABLE in self.restored


def drill(source: Path) -> DrillReport:
    """Restore `source` into a scratch database and compare it with the backup's manifest."""
    manifest = json.loads(manifest_path(source).read_text(encoding="utf-8"))
    expected = {name: (int(v[0]), str(v[1])) for name, v in manifest["tables"].items()}
    if manifest["vendor"] == "sqlite":
        return _drill_sqlite(source, expected)
    if manifest["vendor"] == "postgresql":
        return _drill_postgres(source, expected)
    raise BackupError(f"unknown backup vendor {manifest['vendor']!r}")


def _drill_sqlite(source: Path, expected: Fingerprint) -> DrillReport:
    with tempfile.TemporaryDirectory(prefix="sporskifte-drill-") as tmp:
        target = Path(tmp) / "restored.sqlite3"
        restore_sqlite(source, target)
        conn = sqlite3.connect(target)
        try:
            restored = _fingerprint(conn.cursor(), _sqlite_tables(conn))
            guarded = _update_refused(conn, sqlite3.DatabaseError)
        finally:
            conn.close()
    return DrillReport(expected, restored, guarded)


def _drill_postgres(source: Path, expected: Fingerprint) -> DrillReport:
    import psycopg
    from psycopg import sql

    settings_dict = connection.settings_dict
    params = _pg_params(settings_dict)
    scratch = f"{settings_dict['NAME']}_restore_drill"[:63]
    admin = _conninfo({**params, "PGDATABASE": "postgres"})
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(scratch)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(scratch)))
    try:
        restore_postgres(source, scratch, settings_dict)
        with psycopg.connect(_conninfo({**params, "PGDATABASE": scratch})) as conn:
            with conn.cursor() as cursor:
                restored = _fingerprint(cursor, _pg_tables(cursor))
            conn.rollback()
            guarded = _update_refused(conn, psycopg.Error)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(scratch)))
    return DrillReport(expected, restored, guarded)


def _update_refused(conn: Any, error: type[Exception]) -> bool:
    """True when the restored database still refuses to change an audit entry."""
    cursor = conn.cursor()
    try:
        cursor.execute(f"UPDATE {AUDIT_TABLE} SET action = action")  # noqa: S608
    except error:
        conn.rollback()
        return True
    conn.rollback()
    return False
