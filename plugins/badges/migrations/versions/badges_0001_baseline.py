"""baseline

Revision ID: badges_0001
Revises: (none: the first revision)
Create Date: 2026-12-02 16:00:26.996468
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'badges_0001'
down_revision = None
branch_labels = ('badges',)
depends_on = None
# A database made by create_all after these existed: stamp, don't make them again.
adopts = ('badges',)


def upgrade() -> None:

    op.create_table('badges',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('granted_by_id', sa.Integer(), nullable=True),
    sa.Column('granted_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['granted_by_id'], ['users.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id')
    )



def downgrade() -> None:

    op.drop_table('badges')

