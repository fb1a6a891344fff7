"""Outreach: risk tier, claim and contact of an alert; check-in messages; moderators' duty hours.

Revision ID: moderation_0002
Revises: moderation_0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'moderation_0002'
down_revision = 'moderation_0001'
branch_labels = None
depends_on = None
# A database made by create_all after release 028e0a1 may have these already: stamp, don't create.
adopts = ('moderation_duty', 'moderation_check_ins')
adopts_columns = {'moderation_items': ('tier', 'claimed_by_id', 'claimed_at', 'contacted_at', 'outcome')}


def upgrade() -> None:
    # Rows from before: no tier, nobody claimed them, no outcome yet ("" as the models' default).
    with op.batch_alter_table('moderation_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('tier', sa.String(length=16), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('claimed_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('claimed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('contacted_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('outcome', sa.String(length=16), nullable=False, server_default=''))
        batch_op.create_foreign_key('fk_moderation_items_claimed_by_id_users', 'users', ['claimed_by_id'],
                                    ['id'], ondelete='SET NULL')
    op.create_table('moderation_duty',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('starts', sa.Integer(), nullable=False),
    sa.Column('ends', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id'),
    sqlite_autoincrement=True,  # ids are never reused (as PostgreSQL's)
    )

    op.create_table('moderation_check_ins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('entry_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['entry_id'], ['moderation_items.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['member_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sqlite_autoincrement=True,  # ids are never reused (as PostgreSQL's)
    )
    with op.batch_alter_table('moderation_check_ins', schema=None) as batch_op:
        batch_op.create_index('ix_check_in_member', ['member_id', 'created_at'], unique=False)

def downgrade() -> None:
    with op.batch_alter_table('moderation_items', schema=None) as batch_op:
        batch_op.drop_constraint('fk_moderation_items_claimed_by_id_users', type_='foreignkey')
        for column in ('outcome', 'contacted_at', 'claimed_at', 'claimed_by_id', 'tier'):
            batch_op.drop_column(column)
    op.drop_table('moderation_check_ins')
    op.drop_table('moderation_duty')
