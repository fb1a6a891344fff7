"""Reactions baseline: the tables of release 028e0a1 (the last made by create_all)

Revision ID: reactions_0001
Revises: (none: the first revision)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'reactions_0001'
down_revision = None
branch_labels = ('reactions',)
depends_on = None
# A database made by create_all before migrations already has these: stamp, don't create.
adopts = ('reactions',)


def upgrade() -> None:
    op.create_table('reactions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('item_id', 'user_id', 'kind'),
    sqlite_autoincrement=True,  # ids are never reused (as PostgreSQL's)
    )
    with op.batch_alter_table('reactions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reactions_item_id'), ['item_id'], unique=False)

def downgrade() -> None:
    op.drop_table('reactions')
