"""baseline

Revision ID: mute_0001
Revises: (none: the first revision)
Create Date: 2026-12-02 16:00:18.459620
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'mute_0001'
down_revision = None
branch_labels = ('mute',)
depends_on = None
# A database made by create_all after these existed: stamp, don't make them again.
adopts = ('mutes',)


def upgrade() -> None:

    op.create_table('mutes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['target_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('owner_id', 'target_id')
    )
    with op.batch_alter_table('mutes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mutes_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mutes_target_id'), ['target_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('mutes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mutes_target_id'))
        batch_op.drop_index(batch_op.f('ix_mutes_owner_id'))

    op.drop_table('mutes')

