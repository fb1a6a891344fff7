"""Board rules (a moderation mode of their own, who may start topics, archived) and each member's
time zone.

Revision ID: core_0005
Revises: core_0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'core_0005'
down_revision = 'core_0004'
branch_labels = None
depends_on = None
adopts_columns = {'boards': ('moderation', 'topic_starters', 'archived'), 'users': ('timezone',)}


def upgrade() -> None:
    # Existing rows take the defaults: the community's mode, members start topics, not archived,
    # the community's time zone.
    with op.batch_alter_table('boards') as batch_op:
        batch_op.add_column(sa.Column('moderation', sa.String(length=16), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('topic_starters', sa.String(length=16), nullable=False,
                                      server_default='members'))
        batch_op.add_column(sa.Column('archived', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('users') as batch_op:
        batch_op.add_column(sa.Column('timezone', sa.String(length=64), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('users') as batch_op:
        batch_op.drop_column('timezone')
    with op.batch_alter_table('boards') as batch_op:
        batch_op.drop_column('archived')
        batch_op.drop_column('topic_starters')
        batch_op.drop_column('moderation')
