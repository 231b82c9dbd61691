"""training records that count only once verified: approval per record and per module

Revision ID: b3e9f2a47c10
Revises: 3e9b6f0c2a71
Create Date: 2026-12-01 12:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'b3e9f2a47c10'
down_revision = '3e9b6f0c2a71'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('training_module', schema=None) as batch_op:
        batch_op.add_column(sa.Column('business_records_need_approval', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('training_record', schema=None) as batch_op:
        batch_op.add_column(sa.Column('needs_approval', sa.Boolean(), nullable=False, server_default=sa.false()))
    # Every equivalent course needed approval already. A "scheme training session" that no
    # register recorded was only declared by the business: it waits for an officer now.
    op.execute(
        "UPDATE training_record SET needs_approval = true "
        "WHERE evidence = 'equivalent_approved' OR (evidence = 'scheme_session' AND session_id IS NULL)"
    )


def downgrade():
    with op.batch_alter_table('training_record', schema=None) as batch_op:
        batch_op.drop_column('needs_approval')
    with op.batch_alter_table('training_module', schema=None) as batch_op:
        batch_op.drop_column('business_records_need_approval')
