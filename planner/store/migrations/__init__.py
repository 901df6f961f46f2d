"""Alembic migrations of the planner schema, run from code (no alembic.ini needed).

`inspect_schema` tells whether a database is empty, current, older, newer or not ours; `upgrade` brings it to
the head revision. New schema changes: `.venv/bin/python -m planner.store.migrations revision "message"`.

Opening a database only checks its schema: the revision it is at, read with one query of its own, against
the revisions the scripts in versions/ declare (read from those files). Alembic itself is imported only to
upgrade (or to make a revision): a command such as `planner bids` starts without it.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlalchemy as sa
    from alembic.config import Config
    from sqlalchemy.engine import Engine

HERE = Path(__file__).parent
VERSION_TABLE = "alembic_version"  # where Alembic keeps the revision a database is at


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.set_main_option("path_separator", "os")
    cfg.set_main_option("version_locations", str(HERE / "versions"))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


_REVISION = re.compile(r"""^(down_revision|revision)\s*(?::[^=]*)?=\s*(?:['"]([^'"]+)['"]|None)""", re.M)


@cache
def _revisions() -> dict[str, str | None]:
    """{revision: the revision it follows} as the scripts in versions/ declare them (what Alembic reads)."""
    found: dict[str, str | None] = {}
    for script in sorted((HERE / "versions").glob("*.py")):
        declared = dict((name, value or None) for name, value in _REVISION.findall(script.read_text("utf-8")))
        if declared.get("revision"):
            found[declared["revision"]] = declared.get("down_revision")
    return found


def head_revision() -> str:
    """The newest revision: the one no other revision follows."""
    revisions = _revisions()
    followed = set(revisions.values())
    heads = [rev for rev in revisions if rev not in followed]
    if len(heads) != 1:  # a branch in the scripts: let Alembic say what is wrong
        from alembic.script import ScriptDirectory

        return ScriptDirectory.from_config(alembic_config()).get_current_head()
    return heads[0]


def known_revisions() -> set[str]:
    return set(_revisions())


@dataclass(frozen=True)
class SchemaState:
    current: str | None
    head: str
    empty: bool
    foreign: bool

    @property
    def too_new(self) -> bool:
        return self.current is not None and self.current not in known_revisions()

    @property
    def needs_upgrade(self) -> bool:
        return not self.foreign and not self.too_new and self.current != self.head


def _current_revision(conn: sa.Connection) -> str | None:
    """The revision recorded in the version table (None when it holds none): one query."""
    import sqlalchemy as sa

    rows = conn.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    return ",".join(sorted(rows)) if rows else None  # several heads: not a revision this program knows


def inspect_schema(engine: Engine) -> SchemaState:
    import sqlalchemy as sa

    with engine.connect() as conn:
        tables = set(sa.inspect(conn).get_table_names())
        current = _current_revision(conn) if VERSION_TABLE in tables else None
        conn.rollback()
    ours = tables - {VERSION_TABLE}
    foreign = bool(ours) and current is None
    return SchemaState(current=current, head=head_revision(), empty=not ours, foreign=foreign)


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(engine), revision)


def current(engine: Engine) -> str | None:
    import sqlalchemy as sa

    with engine.connect() as conn:
        if VERSION_TABLE not in sa.inspect(conn).get_table_names():
            return None
        return _current_revision(conn)


def main(argv: list[str]) -> int:  # developer tool: autogenerate a revision against a scratch database
    if len(argv) >= 2 and argv[0] == "revision":
        import tempfile

        from alembic import command

        from planner.store.db import make_engine

        with tempfile.TemporaryDirectory() as tmp:
            engine = make_engine(f"sqlite:///{tmp}/scratch.db")
            upgrade(engine)
            cfg = alembic_config(engine)
            command.revision(cfg, message=argv[1], autogenerate=True)
        return 0
    print("usage: python -m planner.store.migrations revision MESSAGE")
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
