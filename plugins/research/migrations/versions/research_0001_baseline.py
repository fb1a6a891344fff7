"""Research baseline: the tables of release 028e0a1 (the last made by create_all)

Revision ID: research_0001
Revises: (none: the first revision)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'research_0001'
down_revision = None
branch_labels = ('research',)
depends_on = None
# A database made by create_all before migrations already has these: stamp, don't create.
adopts = ('research_consents', 'usage_events')


def upgrade() -> None:
    op.create_table('research_consents',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('consented_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id'),
    sqlite_autoincrement=True,  # ids are never reused (as PostgreSQL's)
    )

    op.create_table('usage_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('function', sa.String(length=40), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('user_id', 'function', 'day', name='uq_usage_events_member_day'),
    sqlite_autoincrement=True,  # ids are never reused (as PostgreSQL's)
    )

def downgrade() -> None:
    op.drop_table('usage_events')
    op.drop_table('research_consents')
