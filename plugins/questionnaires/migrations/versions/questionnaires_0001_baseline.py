"""Questionnaires baseline: the tables of release 028e0a1 (the last made by create_all)

Revision ID: questionnaires_0001
Revises: (none: the first revision)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'questionnaires_0001'
down_revision = None
branch_labels = ('questionnaires',)
depends_on = None
# A database made by create_all before migrations already has these: stamp, don't create.
adopts = ('questionnaire_results',)


def upgrade() -> None:
    op.create_table('questionnaire_results',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('instrument', sa.String(length=40), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('scores', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sqlite_autoincrement=True,  # ids are never reused (as PostgreSQL's)
    )
    with op.batch_alter_table('questionnaire_results', schema=None) as batch_op:
        batch_op.create_index('ix_questionnaire_results_member', ['user_id', 'instrument', 'created_at'], unique=False)

def downgrade() -> None:
    op.drop_table('questionnaire_results')
