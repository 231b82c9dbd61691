"""premises.trained_until: the last day its staff training meets the rule, kept on write

The officers' "training lapsed" queue reads it (a COUNT and a page) instead of working the
rule out over every training record of the scheme. Empty until worked out: run
`flask refresh-readiness` once after this upgrade.

Revision ID: 5c9e1f7a2b40
Revises: 034828c02b17
Create Date: 2026-12-01 15:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '5c9e1f7a2b40'
down_revision = '034828c02b17'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('premises', schema=None) as batch_op:
        batch_op.add_column(sa.Column('trained_until', sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f('ix_premises_trained_until'), ['trained_until'], unique=False)


def downgrade():
    with op.batch_alter_table('premises', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_premises_trained_until'))
        batch_op.drop_column('trained_until')
