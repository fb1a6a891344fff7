"""The audit log's actor is no foreign key: a deleted staff member's entries stay as they were.

(With ``ON DELETE SET NULL`` deleting a moderator's account updated the append-only log, which
the trigger refuses, so staff could never delete their account.)

Revision ID: core_0004
Revises: core_0003
"""

from __future__ import annotations

from alembic import op

revision = 'core_0004'
down_revision = 'core_0003'
branch_labels = None
depends_on = None
# A database made by create_all from these models already has the index (and no foreign key).
adopts_indexes = {'audit_events': ('ix_audit_events_actor_id',)}
# The foreign key SQLite kept unnamed, under the name the batch copy may drop it by.
NAMING = {"fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s"}


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE audit_events DROP CONSTRAINT IF EXISTS audit_events_actor_id_fkey")
        op.create_index('ix_audit_events_actor_id', 'audit_events', ['actor_id'])
        return
    with op.batch_alter_table('audit_events', recreate='always', naming_convention=NAMING,
                              table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.drop_constraint('fk_audit_events_actor_id_users', type_='foreignkey')
        batch_op.create_index('ix_audit_events_actor_id', ['actor_id'])


def downgrade() -> None:
    with op.batch_alter_table('audit_events') as batch_op:
        batch_op.drop_index('ix_audit_events_actor_id')
        batch_op.create_foreign_key('audit_events_actor_id_fkey', 'users', ['actor_id'], ['id'],
                                    ondelete='SET NULL')
