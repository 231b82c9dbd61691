"""a home-based premises' choice to show its full address publicly

Revision ID: 5a1e0c7d2b91
Revises: 7a3c1e5b9d20
Create Date: 2026-12-01 11:55:00

"""
from alembic import op
import sqlalchemy as sa


revision = '5a1e0c7d2b91'
down_revision = '7a3c1e5b9d20'
branch_labels = None
depends_on = None


def upgrade():
    # Existing home-based premises keep their street private until they choose otherwise.
    with op.batch_alter_table('premises', schema=None) as batch_op:
        batch_op.add_column(sa.Column('show_home_address', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade():
    with op.batch_alter_table('premises', schema=None) as batch_op:
        batch_op.drop_column('show_home_address')
