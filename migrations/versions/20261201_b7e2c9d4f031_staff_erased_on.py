"""staff_member.erased_on: when retention or an erasure removed the name

Revision ID: b7e2c9d4f031
Revises: a1d17c0f5e2b
Create Date: 2026-12-01 12:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'b7e2c9d4f031'
down_revision = 'a1d17c0f5e2b'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('staff_member', schema=None) as batch_op:
        batch_op.add_column(sa.Column('erased_on', sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table('staff_member', schema=None) as batch_op:
        batch_op.drop_column('erased_on')
