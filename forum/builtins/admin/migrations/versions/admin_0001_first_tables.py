"""The administration's tables: invitation codes and sanctions.

Revision ID: admin_0001
Revises: 
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'admin_0001'
down_revision = None
branch_labels = ('admin',)
depends_on = None
# A database made by create_all after these existed: stamp, don't make them again.
adopts = ('admin_invite_codes', 'admin_sanctions')


def upgrade() -> None:
    op.create_table('admin_invite_codes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=120), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('max_uses', sa.Integer(), nullable=True),
    sa.Column('uses', sa.Integer(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code_hash')
    )
    op.create_table('admin_sanctions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('until', sa.DateTime(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('lifted_at', sa.DateTime(), nullable=True),
    sa.Column('lifted_by_id', sa.Integer(), nullable=True),
    sa.Column('seen_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['lifted_by_id'], ['users.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('admin_sanctions', schema=None) as batch_op:
        batch_op.create_index('ix_admin_sanctions_member', ['user_id', 'lifted_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('admin_sanctions', schema=None) as batch_op:
        batch_op.drop_index('ix_admin_sanctions_member')

    op.drop_table('admin_sanctions')
    op.drop_table('admin_invite_codes')
