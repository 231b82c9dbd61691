"""Figures at county scale: closed months kept, staff figures kept on the premises, indexes

kept_month and kept_month_figures: the officers' figures page and its CSV read the closed
months from here (worked out once by `flask keep-figures`, or by the page itself for a month
not yet kept) and work out only the current month live. premises.staff_*: each premises' staff
figures kept at the writes that keep its readiness, so today's figures add them up instead of
reading every member of staff (empty until worked out: the figures count the staff rows of a
premises without them, and `flask refresh-readiness` fills them). Indexes of the premises and
of the scans by day that cover what today's figures add up.

Revision ID: d2f8a6c4e917
Revises: d2f7a9c3e1b4
Create Date: 2026-12-01 19:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'd2f8a6c4e917'
down_revision = 'd2f7a9c3e1b4'
branch_labels = None
depends_on = None

COUNTS = ['draft', 'submitted', 'changes_requested', 'rejected', 'member', 'accredited', 'suspended_pending_checks',
          'suspended', 'lapsed', 'revoked', 'staff_trained', 'staff_active', 'test_visits', 'test_visits_passed',
          'scans']


def upgrade():
    op.create_table(
        'kept_month',
        sa.Column('month', sa.Date(), nullable=False),
        sa.Column('kept_on', sa.Date(), nullable=False),
        sa.Column('kept_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('month', name=op.f('pk_kept_month')),
    )
    op.create_table(
        'kept_month_figures',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('month', sa.Date(), nullable=False),
        sa.Column('area_id', sa.Integer(), nullable=True),
        sa.Column('premises_type', sa.Enum('hotel', 'takeaway', 'taxi', 'pub', 'shop', 'transport', 'other',
                                           name='premisestype', native_enum=False, length=32), nullable=False),
        *[sa.Column(name, sa.Integer(), nullable=False) for name in COUNTS],
        sa.ForeignKeyConstraint(['month'], ['kept_month.month'], name=op.f('fk_kept_month_figures_month_kept_month'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['area_id'], ['area.id'], name=op.f('fk_kept_month_figures_area_id_area'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_kept_month_figures')),
        sa.UniqueConstraint('month', 'area_id', 'premises_type', name=op.f('uq_kept_month_figures_month')),
    )
    op.create_index(op.f('ix_kept_month_figures_area_id'), 'kept_month_figures', ['area_id'], unique=False)
    with op.batch_alter_table('premises', schema=None) as batch_op:
        batch_op.add_column(sa.Column('staff_active_count', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('staff_trained_count', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('staff_figures_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('staff_figures_until', sa.Date(), nullable=True))
    op.create_index('ix_premises_figures', 'premises', ['area_id', 'premises_type', 'status', 'suspended_from',
                                                       'staff_figures_on', 'staff_figures_until',
                                                       'staff_trained_count', 'staff_active_count'], unique=False)
    op.create_index('ix_scan_count_day', 'scan_count', ['day', 'certificate_id', 'count'], unique=False)


def downgrade():
    op.drop_index('ix_scan_count_day', table_name='scan_count')
    op.drop_index('ix_premises_figures', table_name='premises')
    with op.batch_alter_table('premises', schema=None) as batch_op:
        batch_op.drop_column('staff_figures_until')
        batch_op.drop_column('staff_figures_on')
        batch_op.drop_column('staff_trained_count')
        batch_op.drop_column('staff_active_count')
    op.drop_index(op.f('ix_kept_month_figures_area_id'), table_name='kept_month_figures')
    op.drop_table('kept_month_figures')
    op.drop_table('kept_month')
