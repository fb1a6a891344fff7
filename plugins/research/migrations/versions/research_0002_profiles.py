"""What a participant chose to tell the study about themselves.

Revision ID: research_0002
Revises: research_0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'research_0002'
down_revision = 'research_0001'
branch_labels = None
depends_on = None
# A database made by create_all after release 028e0a1 may have these already: stamp, don't create.
adopts = ('research_profiles',)


def upgrade() -> None:
    op.create_table('research_profiles',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('gender', sa.String(length=20), nullable=False),
    sa.Column('age_group', sa.String(length=20), nullable=False),
    sa.Column('medication', sa.String(length=10), nullable=False),
    sa.Column('psychotherapy', sa.String(length=10), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id'),
    sqlite_autoincrement=True,  # ids are never reused (as PostgreSQL's)
    )

def downgrade() -> None:
    op.drop_table('research_profiles')
