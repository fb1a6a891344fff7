"""Rephrase nudges: how many were shown and how they ended, per day and content type.

Revision ID: moderation_0003
Revises: moderation_0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'moderation_0003'
down_revision = 'moderation_0002'
branch_labels = None
depends_on = None
# A database made by create_all before this revision existed has the tables: stamp, don't create.
adopts = ('moderation_nudge_counts',)


def upgrade() -> None:
    op.create_table('moderation_nudge_counts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('content_type', sa.String(length=40), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('day', 'content_type', 'outcome', name='uq_moderation_nudge_counts_day')
    )


def downgrade() -> None:
    op.drop_table('moderation_nudge_counts')
