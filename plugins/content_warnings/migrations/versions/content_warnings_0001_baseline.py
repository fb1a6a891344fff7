"""baseline

Revision ID: content_warnings_0001
Revises: (none: the first revision)
Create Date: 2026-12-02 16:00:37.150406
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'content_warnings_0001'
down_revision = None
branch_labels = ('content_warnings',)
depends_on = None
# A database made by create_all after these existed: stamp, don't make them again.
adopts = ('content_warning_choices', 'content_warnings')


def upgrade() -> None:

    op.create_table('content_warning_choices',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('choice', sa.String(length=10), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'kind')
    )
    op.create_table('content_warnings',
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('note', sa.String(length=100), nullable=False),
    sa.Column('by_screening', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('item_id')
    )



def downgrade() -> None:

    op.drop_table('content_warnings')
    op.drop_table('content_warning_choices')

