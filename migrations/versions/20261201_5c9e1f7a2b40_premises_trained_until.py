"""premises.trained_until and staff_member.training_held(_until): training kept on write

The officers' "training lapsed" queue and the "staff trained" figure read them (a COUNT and
a page) instead of working the rule out over every training record of the scheme. Empty
until worked out: run `flask refresh-readiness` once after this upgrade.

Revision ID: 5c9e1f7a2b40
Revises: c4a7e1d9b352
Create Date: 2026-12-01 15:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '5c9e1f7a2b40'
down_revision = 'c4a7e1d9b352'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('premises', schema=None) as batch_op:
        batch_op.add_column(sa.Column('trained_until', sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f('ix_premises_trained_until'), ['trained_until'], unique=False)
    with op.batch_alter_table('staff_member', schema=None) as batch_op:
        batch_op.add_column(sa.Column('training_held', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('training_held_until', sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table('staff_member', schema=None) as batch_op:
        batch_op.drop_column('training_held_until')
        batch_op.drop_column('training_held')
    with op.batch_alter_table('premises', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_premises_trained_until'))
        batch_op.drop_column('trained_until')
