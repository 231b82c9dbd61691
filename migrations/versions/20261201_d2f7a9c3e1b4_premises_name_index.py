"""The premises by name, for the officers' list at county scale

The list is ordered by name (and id, to break ties) and paged: with this index a page is a
walk along it, the last page too, instead of a sort of every premises.

Revision ID: d2f7a9c3e1b4
Revises: 8e4b2d6c1f93
Create Date: 2026-12-01 19:10:00

"""
from alembic import op


revision = 'd2f7a9c3e1b4'
down_revision = '8e4b2d6c1f93'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_premises_name_id", "premises", ["name", "id"])


def downgrade():
    op.drop_index("ix_premises_name_id", table_name="premises")
