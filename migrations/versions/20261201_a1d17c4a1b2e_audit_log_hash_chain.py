"""audit log hash chain, its checks, and triggers that keep it append-only

Revision ID: a1d17c4a1b2e
Revises: ce34dcded8af
Create Date: 2026-12-01 12:10:00

"""
from alembic import op
import sqlalchemy as sa

from scheme.domain import audit_chain


revision = 'a1d17c4a1b2e'
down_revision = 'ce34dcded8af'
branch_labels = None
depends_on = None

APPEND_ONLY = """
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP;
END $$;
CREATE TRIGGER audit_log_entry_append_only BEFORE UPDATE OR DELETE ON audit_log_entry
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_entry_no_truncate BEFORE TRUNCATE ON audit_log_entry
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
"""
# SQLite: a batch migration that rebuilds audit_log_entry drops these; create them again after.
SQLITE_APPEND_ONLY = [
    "CREATE TRIGGER audit_log_entry_no_update BEFORE UPDATE ON audit_log_entry "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: UPDATE refused'); END",
    "CREATE TRIGGER audit_log_entry_no_delete BEFORE DELETE ON audit_log_entry "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: DELETE refused'); END",
]


def _chain_existing_entries(connection) -> None:
    entry = sa.table('audit_log_entry', sa.column('id'), sa.column('at', sa.DateTime(timezone=True)),
                     sa.column('user_id'), sa.column('action'), sa.column('premises_id'), sa.column('subject'),
                     sa.column('details'), sa.column('sequence'), sa.column('previous_hash'), sa.column('entry_hash'))
    rows = connection.execute(sa.select(entry.c.id, entry.c.at, entry.c.user_id, entry.c.action, entry.c.premises_id,
                                        entry.c.subject, entry.c.details).order_by(entry.c.id)).all()
    previous = audit_chain.GENESIS
    for sequence, row in enumerate(rows, start=1):
        own = audit_chain.entry_hash(sequence=sequence, at=row.at, user_id=row.user_id, action=row.action,
                                     premises_id=row.premises_id, subject=row.subject, details=row.details,
                                     previous_hash=previous)
        connection.execute(entry.update().where(entry.c.id == row.id)
                           .values(sequence=sequence, previous_hash=previous, entry_hash=own))
        previous = own


def upgrade():
    op.create_table('audit_log_check',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('checked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('entries', sa.Integer(), nullable=False),
    sa.Column('head_sequence', sa.Integer(), nullable=False),
    sa.Column('head_hash', sa.String(length=64), nullable=False),
    sa.Column('problem', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log_check'))
    )
    with op.batch_alter_table('audit_log_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sequence', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('previous_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('entry_hash', sa.String(length=64), nullable=True))
    _chain_existing_entries(op.get_bind())
    with op.batch_alter_table('audit_log_entry', schema=None) as batch_op:
        batch_op.alter_column('sequence', existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column('previous_hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column('entry_hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_audit_log_entry_sequence'), ['sequence'])
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(APPEND_ONLY)
    else:
        for statement in SQLITE_APPEND_ONLY:
            op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP TRIGGER audit_log_entry_no_truncate ON audit_log_entry")
        op.execute("DROP TRIGGER audit_log_entry_append_only ON audit_log_entry")
        op.execute("DROP FUNCTION audit_log_is_append_only()")
    else:
        op.execute("DROP TRIGGER audit_log_entry_no_update")
        op.execute("DROP TRIGGER audit_log_entry_no_delete")
    with op.batch_alter_table('audit_log_entry', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_audit_log_entry_sequence'), type_='unique')
        batch_op.drop_column('entry_hash')
        batch_op.drop_column('previous_hash')
        batch_op.drop_column('sequence')
    op.drop_table('audit_log_check')
