"""Database addresses as they may be shown: no password, neither in the userinfo nor in the query."""

from __future__ import annotations

import pytest

from planner.services.team import pg_tool_url, postgres_instructions
from planner.store.db import redact_url

SECRET = "Hemligt-L0senord"


@pytest.mark.parametrize("url, shown", [
    (f"postgresql+psycopg://anna:{SECRET}@db.example:5432/bids", "postgresql+psycopg://anna:***@db.example:5432/bids"),
    (f"postgresql+psycopg://anna@db.example/bids?password={SECRET}",
     "postgresql+psycopg://anna@db.example/bids?password=***"),
    ("postgresql+psycopg://anna@db.example/bids?sslmode=require", "postgresql+psycopg://anna@db.example/bids?sslmode=require"),
    ("sqlite:////home/anna/planner.db", "sqlite:////home/anna/planner.db"),
])
def test_passwords_are_hidden_in_the_userinfo_and_the_query(url, shown):
    assert redact_url(url) == shown
    assert SECRET not in redact_url(url)


@pytest.mark.parametrize("url", [
    f"postgresql+psycopg://anna@db.example/bids?sslmode=require&PassWord={SECRET}&sslpassword={SECRET}",
    f"postgresql+psycopg://anna:{SECRET}@x@db.example/bids",
    f"postgresql://anna:{SECRET}@[bad",  # not even a URL SQLAlchemy can read
])
def test_odd_addresses_never_show_the_password(url):
    shown = redact_url(url)
    assert SECRET not in shown and "***" in shown


def test_postgresql_tool_instructions_never_carry_the_password():
    url = f"postgresql+psycopg://anna:{SECRET}@db.example/bids?password={SECRET}&sslmode=require"
    assert pg_tool_url(url) == "postgresql://anna@db.example/bids?sslmode=require"
    assert SECRET not in postgres_instructions(url) and SECRET not in postgres_instructions(url, restore=True)
