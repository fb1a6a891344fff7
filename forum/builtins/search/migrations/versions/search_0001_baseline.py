"""Search baseline: the tables of release 028e0a1 (the last made by create_all)

Revision ID: search_0001
Revises: 
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'search_0001'
down_revision = None
branch_labels = ('search',)
depends_on = None
# A database made by create_all before migrations already has these: stamp, don't create.
adopts = ('search_outbox',)


def upgrade() -> None:
    op.create_table('search_outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('queued_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sqlite_autoincrement=True,  # ids are never reused (as PostgreSQL's)
    )
    with op.batch_alter_table('search_outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_outbox_item_id'), ['item_id'], unique=False)

def downgrade() -> None:
    op.drop_table('search_outbox')
