"""Submission keys (a double send creates one item); audit actors without a foreign key (a staff
member can delete their account while the audit log stays append-only).

Revision ID: core_0004
Revises: core_0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'core_0004'
down_revision = 'core_0003'
branch_labels = None
depends_on = None
# A database made by create_all after these existed: stamp, don't make them again.
adopts = ('submission_keys',)

# SQLite's foreign keys have no names: name them as reflected, so the batch copy can drop one.
_NAMES = {"fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s"}


def _actor_foreign_key() -> str:
    if op.get_bind().dialect.name == "sqlite":
        return "fk_audit_events_actor_id_users"
    inspector = sa.inspect(op.get_bind())
    for key in inspector.get_foreign_keys("audit_events"):
        if key["constrained_columns"] == ["actor_id"]:
            return key["name"]
    return ""


def upgrade() -> None:
    op.create_table('submission_keys',
                    sa.Column('id', sa.Integer(), nullable=False),
                    sa.Column('user_id', sa.Integer(), nullable=False),
                    sa.Column('key', sa.String(length=64), nullable=False),
                    sa.Column('item_id', sa.Integer(), nullable=False),
                    sa.Column('created_at', sa.DateTime(), nullable=False),
                    sa.ForeignKeyConstraint(['item_id'], ['items.id'], ondelete='CASCADE'),
                    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
                    sa.PrimaryKeyConstraint('id'),
                    sa.UniqueConstraint('user_id', 'key'))
    foreign_key = _actor_foreign_key()
    with op.batch_alter_table('audit_events', naming_convention=_NAMES) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_events_actor_id'), ['actor_id'], unique=False)
        if foreign_key:
            batch_op.drop_constraint(foreign_key, type_='foreignkey')


def downgrade() -> None:
    with op.batch_alter_table('audit_events') as batch_op:
        batch_op.create_foreign_key('fk_audit_events_actor_id_users', 'users', ['actor_id'], ['id'],
                                    ondelete='SET NULL')
        batch_op.drop_index(batch_op.f('ix_audit_events_actor_id'))
    op.drop_table('submission_keys')
