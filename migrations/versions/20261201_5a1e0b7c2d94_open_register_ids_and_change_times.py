"""open register: premises public ids, and when premises and certificates last changed

Revision ID: 5a1e0b7c2d94
Revises: 447e95b88a0e
Create Date: 2026-12-01 12:00:00

"""
import secrets

import sqlalchemy as sa
from alembic import op

revision = '5a1e0b7c2d94'
down_revision = '447e95b88a0e'
branch_labels = None
depends_on = None

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def upgrade():
    with op.batch_alter_table('premises', schema=None) as batch_op:
        batch_op.add_column(sa.Column('public_id', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.add_column(sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True))

    # Existing rows: a fresh random id each, and "last changed" = when they were made.
    connection = op.get_bind()
    premises = sa.table('premises', sa.column('id', sa.Integer), sa.column('public_id', sa.String))
    ids = [row.id for row in connection.execute(sa.select(premises.c.id))]
    taken = set()
    for premises_id in ids:
        public_id = "".join(secrets.choice(_ALPHABET) for _ in range(10))
        while public_id in taken:
            public_id = "".join(secrets.choice(_ALPHABET) for _ in range(10))
        taken.add(public_id)
        connection.execute(sa.update(premises).where(premises.c.id == premises_id).values(public_id=public_id))
    op.execute("UPDATE premises SET updated_at = created_at")
    op.execute("UPDATE certificate SET updated_at = created_at")

    with op.batch_alter_table('premises', schema=None) as batch_op:
        batch_op.alter_column('public_id', existing_type=sa.String(length=16), nullable=False)
        batch_op.alter_column('updated_at', existing_type=sa.DateTime(timezone=True), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_premises_public_id'), ['public_id'])
    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.alter_column('updated_at', existing_type=sa.DateTime(timezone=True), nullable=False)


def downgrade():
    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.drop_column('updated_at')
    with op.batch_alter_table('premises', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_premises_public_id'), type_='unique')
        batch_op.drop_column('updated_at')
        batch_op.drop_column('public_id')
