"""reminders name their premises, so its message history shows grouped reminders

Revision ID: 3e9b6f0c2a71
Revises: b7e2c9d4f031
Create Date: 2026-12-01 12:07:02.886869

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3e9b6f0c2a71'
down_revision = 'b7e2c9d4f031'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('reminder', schema=None) as batch_op:
        batch_op.add_column(sa.Column('premises_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_reminder_outbox_message_id'), ['outbox_message_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reminder_premises_id'), ['premises_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_reminder_premises_id_premises'), 'premises', ['premises_id'], ['id'], ondelete='SET NULL')



def downgrade():
    with op.batch_alter_table('reminder', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_reminder_premises_id_premises'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_reminder_premises_id'))
        batch_op.drop_index(batch_op.f('ix_reminder_outbox_message_id'))
        batch_op.drop_column('premises_id')

