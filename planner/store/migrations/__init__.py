"""Alembic migrations of the planner schema, run from code (no alembic.ini needed).

`inspect_schema` tells whether a database is empty, current, older, newer or not ours; `upgrade` brings it to
the head revision. New schema changes: `.venv/bin/python -m planner.store.migrations revision "message"`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

HERE = Path(__file__).parent


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.set_main_option("path_separator", "os")
    cfg.set_main_option("version_locations", str(HERE / "versions"))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


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


def inspect_schema(engine: Engine) -> SchemaState:
    with engine.connect() as conn:
        tables = set(sa.inspect(conn).get_table_names())
        current = MigrationContext.configure(conn).get_current_revision() if "alembic_version" in tables else None
        conn.rollback()
    ours = tables - {"alembic_version"}
    foreign = bool(ours) and current is None
    return SchemaState(current=current, head=head_revision(), empty=not ours, foreign=foreign)


def upgrade(engine: Engine, revision: str = "head") -> None:
    command.upgrade(alembic_config(engine), revision)


def current(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def main(argv: list[str]) -> int:  # developer tool: autogenerate a revision against a scratch database
    if len(argv) >= 2 and argv[0] == "revision":
        import tempfile

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
