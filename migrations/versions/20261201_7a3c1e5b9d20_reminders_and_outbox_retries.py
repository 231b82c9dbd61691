"""reminders sent once, reminder preferences, and outbox retries, Reply-To and history

Revision ID: 7a3c1e5b9d20
Revises: a1d17c4a1b2e
Create Date: 2026-12-01 11:46:37.634602

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7a3c1e5b9d20'
down_revision = 'a1d17c4a1b2e'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('reminder_opt_out',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('certificate_expiry', 'action_due', 'training_expiry', 'changes_due', 'visit_due', 'officer_digest', name='reminderkind', native_enum=False, length=32), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_reminder_opt_out_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'kind', name=op.f('pk_reminder_opt_out'))
    )
    op.create_table('reminder',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('certificate_expiry', 'action_due', 'training_expiry', 'changes_due', 'visit_due', 'officer_digest', name='reminderkind', native_enum=False, length=32), nullable=False),
    sa.Column('item', sa.String(length=80), nullable=False),
    sa.Column('threshold', sa.String(length=20), nullable=False),
    sa.Column('sent_on', sa.Date(), nullable=False),
    sa.Column('outbox_message_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['outbox_message_id'], ['outbox_message.id'], name=op.f('fk_reminder_outbox_message_id_outbox_message'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_reminder_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder')),
    sa.UniqueConstraint('user_id', 'kind', 'item', 'threshold', name='uq_reminder_once')
    )
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reply_to', sa.String(length=254), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('template', sa.String(length=60), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('premises_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('failed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_outbox_message_premises_id'), ['premises_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_outbox_message_premises_id_premises'), 'premises', ['premises_id'], ['id'], ondelete='SET NULL')



def downgrade():
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_outbox_message_premises_id_premises'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_outbox_message_premises_id'))
        batch_op.drop_column('failed_at')
        batch_op.drop_column('next_attempt_at')
        batch_op.drop_column('premises_id')
        batch_op.drop_column('template')
        batch_op.drop_column('reply_to')

    op.drop_table('reminder')
    op.drop_table('reminder_opt_out')
