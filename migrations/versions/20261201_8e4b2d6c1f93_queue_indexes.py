"""Indexes for the officers' queues at county scale

Each queue picks rows by a status or kind (most premises are members) and one date, and
pages them in that date's order; at 50,000 premises the planner otherwise walks every member
premises and sorts.

Revision ID: 8e4b2d6c1f93
Revises: 5c9e1f7a2b40
Create Date: 2026-12-01 15:30:00

"""
from alembic import op


revision = '8e4b2d6c1f93'
down_revision = '5c9e1f7a2b40'
branch_labels = None
depends_on = None

INDEXES = [
    ("premises", "ix_premises_status_trained_until", ["status", "trained_until"]),
    ("premises", "ix_premises_status_ready_until", ["status", "ready_until"]),
    ("premises", "ix_premises_status_submitted_at", ["status", "submitted_at"]),
    ("certificate", "ix_certificate_status_expires_on", ["status", "expires_on"]),
    ("assessment", "ix_assessment_kind_visit_date", ["kind", "visit_date"]),
]


def upgrade():
    for table, name, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade():
    for table, name, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
