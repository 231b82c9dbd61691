"""readiness kept on the premises, officers' holds, test visits against the standards, staff revisions

Revision ID: 034828c02b17
Revises: 5a1e0b7c2d94
Create Date: 2026-12-01 12:05:00

The new non-null columns keep a server default, so rows written straight to the database
(the load-data generator's bulk insert) need not name them. Existing premises start with no readiness end in sight (NULL, as a premises that is ready);
the first write that touches one works it out, and `flask --app scheme demo-data` does so
for every member premises.
"""
from alembic import op
import sqlalchemy as sa


revision = '034828c02b17'
down_revision = '5a1e0b7c2d94'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('premises', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ready_until', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('suspended_from', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('at_risk_notice_for', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('suspension_notice_for', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('hold_reason', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('hold_from', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('hold_until', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('hold_by_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_premises_ready_until'), ['ready_until'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_premises_hold_by_id_user'), 'user', ['hold_by_id'], ['id'],
                                    ondelete='SET NULL')

    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('reviewed_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('review_note', sa.Text(), nullable=False, server_default=''))
        batch_op.create_foreign_key(batch_op.f('fk_assessment_reviewed_by_id_user'), 'user', ['reviewed_by_id'],
                                    ['id'], ondelete='SET NULL')

    with op.batch_alter_table('staff_member', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revision', sa.Integer(), nullable=False, server_default='1'))

    with op.batch_alter_table('test_visit_check', schema=None) as batch_op:
        batch_op.add_column(sa.Column('standard_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_test_visit_check_standard_id_standard'), 'standard',
                                    ['standard_id'], ['id'])


def downgrade():
    with op.batch_alter_table('staff_member', schema=None) as batch_op:
        batch_op.drop_column('revision')

    with op.batch_alter_table('test_visit_check', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_test_visit_check_standard_id_standard'), type_='foreignkey')
        batch_op.drop_column('standard_id')

    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_assessment_reviewed_by_id_user'), type_='foreignkey')
        batch_op.drop_column('review_note')
        batch_op.drop_column('reviewed_by_id')
        batch_op.drop_column('reviewed_at')

    with op.batch_alter_table('premises', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_premises_hold_by_id_user'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_premises_ready_until'))
        batch_op.drop_column('hold_by_id')
        batch_op.drop_column('hold_until')
        batch_op.drop_column('hold_from')
        batch_op.drop_column('hold_reason')
        batch_op.drop_column('suspension_notice_for')
        batch_op.drop_column('at_risk_notice_for')
        batch_op.drop_column('suspended_from')
        batch_op.drop_column('ready_until')
