"""Alembic environment, driven from the app by ``forum.core.schema`` (never by ``alembic`` alone).

``config.attributes`` carries the open connection, the component's own tables (so autogenerate
compares only the tables that component owns) and its version table.
"""

from __future__ import annotations

from typing import Any

from alembic import context

config = context.config
attributes = config.attributes
owned = attributes["owned"]


def include_object(obj: Any, name: str | None, kind: str, reflected: bool, compare_to: Any) -> bool:
    """Compare only this component's tables: the others (and other plugins') have their own history."""
    if kind == "table":
        return name in owned
    table = getattr(obj, "table", None)
    return table is None or table.name in owned


context.configure(
    connection=attributes["connection"],
    target_metadata=attributes["target_metadata"],
    version_table=attributes["version_table"],
    include_object=include_object,
    render_as_batch=True,  # SQLite alters a table by copying it
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
