"""Indexes for the officers' premises list and training approvals at county scale

The premises list is ordered by name (and id, to break ties) and paged: with an index a page
is a walk along it, the last page too, instead of a sort of every premises. The training
approvals page finds the few records waiting among every record of the scheme by their
evidence and session, or their needing approval.

Revision ID: d2f7a9c3e1b4
Revises: 8e4b2d6c1f93
Create Date: 2026-12-01 19:10:00

"""
from alembic import op


revision = 'd2f7a9c3e1b4'
down_revision = '8e4b2d6c1f93'
branch_labels = None
depends_on = None


INDEXES = [
    ("premises", "ix_premises_name_id", ["name", "id"]),
    ("training_record", "ix_training_record_evidence_session_id", ["evidence", "session_id"]),
    ("training_record", "ix_training_record_needs_approval", ["needs_approval"]),
]


def upgrade():
    for table, name, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade():
    for table, name, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
