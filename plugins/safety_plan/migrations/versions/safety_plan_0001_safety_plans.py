"""Personal safety plans: one per member.

Revision ID: safety_plan_0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'safety_plan_0001'
down_revision = None
branch_labels = ('safety_plan',)
depends_on = None
# A database made by create_all before this revision existed has the tables: stamp, don't create.
adopts = ('safety_plans',)


def upgrade() -> None:
    op.create_table('safety_plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('parts', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('user_id', name='uq_safety_plans_user_id')
    )


def downgrade() -> None:
    op.drop_table('safety_plans')
