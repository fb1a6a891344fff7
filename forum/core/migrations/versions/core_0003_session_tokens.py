"""Session tokens (a cookie never carries the member's id), sticky rejections, ids never reused.

Revision ID: core_0003
Revises: core_0002
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = 'core_0003'
down_revision = 'core_0002'
branch_labels = None
depends_on = None
# A database made by create_all after these columns existed: stamp, don't add them again.
adopts_columns = {'users': ('session_token',), 'items': ('was_rejected',)}


def upgrade() -> None:
    bind = op.get_bind()
    # SQLite gives a deleted row's id to the next row unless the table says AUTOINCREMENT: rebuild
    # the two tables whose ids are in URLs and cookies (PostgreSQL never reuses ids).
    rebuild = {"recreate": "always", "table_kwargs": {"sqlite_autoincrement": True}} \
        if bind.dialect.name == "sqlite" else {}
    with op.batch_alter_table('users') as batch_op:
        batch_op.add_column(sa.Column('session_token', sa.String(length=64), nullable=True))
    users = sa.table('users', sa.column('id', sa.Integer()), sa.column('session_token', sa.String()))
    for (user_id,) in bind.execute(sa.select(users.c.id)).all():  # one new token per member
        bind.execute(users.update().where(users.c.id == user_id)
                     .values(session_token=secrets.token_urlsafe(32)))
    with op.batch_alter_table('users', **rebuild) as batch_op:
        batch_op.alter_column('session_token', existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint('uq_users_session_token', ['session_token'])
    with op.batch_alter_table('items', **rebuild) as batch_op:
        batch_op.add_column(sa.Column('was_rejected', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('items') as batch_op:
        batch_op.drop_column('was_rejected')
    with op.batch_alter_table('users') as batch_op:
        batch_op.drop_constraint('uq_users_session_token', type_='unique')
        batch_op.drop_column('session_token')
