"""Moderation baseline: the tables of release 028e0a1 (the last made by create_all)

Revision ID: moderation_0001
Revises: (none: the first revision)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'moderation_0001'
down_revision = None
branch_labels = ('moderation',)
depends_on = None
# A database made by create_all before migrations already has these: stamp, don't create.
adopts = ('moderation_items', 'moderation_notices', 'moderation_reports')


def upgrade() -> None:
    op.create_table('moderation_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('urgent', sa.Boolean(), nullable=False),
    sa.Column('severity', sa.Integer(), nullable=False),
    sa.Column('rules', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('decision', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('resolved_by_id', sa.Integer(), nullable=True),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['users.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sqlite_autoincrement=True,  # ids are never reused (as PostgreSQL's)
    )
    with op.batch_alter_table('moderation_items', schema=None) as batch_op:
        batch_op.create_index('ix_moderation_item', ['item_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_moderation_items_user_id'), ['user_id'], unique=False)
        batch_op.create_index('ix_moderation_queue', ['status', 'urgent', 'created_at'], unique=False)

    op.create_table('moderation_notices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.Column('decision', sa.String(length=32), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sqlite_autoincrement=True,  # ids are never reused (as PostgreSQL's)
    )
    with op.batch_alter_table('moderation_notices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_moderation_notices_user_id'), ['user_id'], unique=False)

    op.create_table('moderation_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('reporter_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=16), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reporter_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('item_id', 'reporter_id'),
    sqlite_autoincrement=True,  # ids are never reused (as PostgreSQL's)
    )
    with op.batch_alter_table('moderation_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_moderation_reports_reporter_id'), ['reporter_id'], unique=False)

def downgrade() -> None:
    op.drop_table('moderation_reports')
    op.drop_table('moderation_notices')
    op.drop_table('moderation_items')
