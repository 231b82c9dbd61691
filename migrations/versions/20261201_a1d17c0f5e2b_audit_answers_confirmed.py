"""audit answers: carried over from the last visit, confirmed during this one, linked actions

Revision ID: a1d17c0f5e2b
Revises: 5a1e0c7d2b91
Create Date: 2026-12-01 12:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'a1d17c0f5e2b'
down_revision = '5a1e0c7d2b91'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('assessment_answer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('carried_over_answer', sa.Enum('met', 'not_met', 'not_applicable', name='answer', native_enum=False, length=32), nullable=True))
        batch_op.add_column(sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('confirmed_in_bulk', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('action_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_assessment_answer_action_id_action'), 'action', ['action_id'], ['id'], ondelete='SET NULL')
    with op.batch_alter_table('assessment_answer', schema=None) as batch_op:
        batch_op.alter_column('confirmed_in_bulk', server_default=None)
    # Before this revision an answer an officer saved had updated_by_id set, and one only
    # pre-filled from the last visit did not: the saved ones were confirmed when saved. Every
    # answer of a finished assessment (or a self-assessment) stands as it was recorded.
    op.execute(
        "UPDATE assessment_answer SET confirmed_at = updated_at "
        "WHERE updated_by_id IS NOT NULL OR assessment_id IN "
        "(SELECT id FROM assessment WHERE completed_at IS NOT NULL OR kind <> 'audit')"
    )
    # An answer pre-filled and not yet saved in a visit still in progress was carried over.
    op.execute(
        "UPDATE assessment_answer SET carried_over_answer = answer "
        "WHERE confirmed_at IS NULL AND answer IS NOT NULL"
    )


def downgrade():
    with op.batch_alter_table('assessment_answer', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_assessment_answer_action_id_action'), type_='foreignkey')
        batch_op.drop_column('action_id')
        batch_op.drop_column('confirmed_in_bulk')
        batch_op.drop_column('confirmed_at')
        batch_op.drop_column('carried_over_answer')
