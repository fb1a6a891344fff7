"""Indexes for the board listing and the pages of replies (no sort, index-only counts).

Revision ID: core_0006
Revises: core_0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'core_0006'
down_revision = 'core_0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A database made by create_all with these models has them already (it is adopted at core_0005).
    existing = {index["name"] for index in sa.inspect(op.get_bind()).get_indexes("items")}
    if "ix_items_board_topics" not in existing:
        op.create_index('ix_items_board_topics', 'items',
                        ['board_id', 'type', 'last_activity_at', 'id', 'status', 'visibility', 'author_id'],
                        postgresql_where=sa.text('parent_id IS NULL'), sqlite_where=sa.text('parent_id IS NULL'))
    if "ix_items_thread" not in existing:
        op.create_index('ix_items_thread', 'items',
                        ['parent_id', 'created_at', 'id', 'type', 'status', 'visibility', 'author_id',
                         'updated_at'])


def downgrade() -> None:
    op.drop_index('ix_items_thread', table_name='items')
    op.drop_index('ix_items_board_topics', table_name='items')
