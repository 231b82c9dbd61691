"""a record per printed sticker, its serial in the scan counts' key, and the public's reports

Revision ID: 447e95b88a0e
Revises: 5e1f2a9c7d31
Create Date: 2026-12-01 12:07:03

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '447e95b88a0e'
down_revision = '5e1f2a9c7d31'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sticker_batch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('single', 'area', 'replacement', name='stickerprint', native_enum=False, length=32), nullable=False),
    sa.Column('area', sa.String(length=100), nullable=False),
    sa.Column('printed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('printed_by_id', sa.Integer(), nullable=True),
    sa.Column('sticker_count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['printed_by_id'], ['user.id'], name=op.f('fk_sticker_batch_printed_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sticker_batch'))
    )
    op.create_table('sticker',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('certificate_id', sa.Integer(), nullable=False),
    sa.Column('serial', sa.String(length=8), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('printed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.Enum('on_display', 'removed', 'lost', 'destroyed', name='stickerstatus', native_enum=False, length=32), nullable=False),
    sa.Column('status_changed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('status_changed_by_id', sa.Integer(), nullable=True),
    sa.Column('replaced_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('removal_photo_type', sa.String(length=40), nullable=False),
    sa.Column('removal_photo', sa.LargeBinary(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['sticker_batch.id'], name=op.f('fk_sticker_batch_id_sticker_batch'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['certificate_id'], ['certificate.id'], name=op.f('fk_sticker_certificate_id_certificate'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['status_changed_by_id'], ['user.id'], name=op.f('fk_sticker_status_changed_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sticker')),
    sa.UniqueConstraint('certificate_id', 'serial', name=op.f('uq_sticker_certificate_id'))
    )
    with op.batch_alter_table('sticker', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sticker_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sticker_certificate_id'), ['certificate_id'], unique=False)

    op.create_table('sticker_report',
    sa.Column('certificate_id', sa.Integer(), nullable=False),
    sa.Column('serial', sa.String(length=8), nullable=False),
    sa.Column('reason', sa.Enum('wrong_place', 'damaged_or_altered', 'premises_closed', 'other', name='stickerreportreason', native_enum=False, length=32), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['certificate_id'], ['certificate.id'], name=op.f('fk_sticker_report_certificate_id_certificate'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('certificate_id', 'serial', 'reason', 'day', name=op.f('pk_sticker_report'))
    )
    with op.batch_alter_table('sticker_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sticker_report_day'), ['day'], unique=False)

    # The counts so far were of QR codes without a serial: they keep the serial "".
    with op.batch_alter_table('scan_count', schema=None) as batch_op:
        batch_op.add_column(sa.Column('serial', sa.String(length=8), nullable=False, server_default=''))
        batch_op.drop_constraint('pk_scan_count', type_='primary')
        batch_op.create_primary_key('pk_scan_count', ['certificate_id', 'serial', 'day'])


def downgrade():
    # Counts of different stickers of a certificate on a day become one count again.
    op.execute("CREATE TABLE scan_count_merged AS SELECT certificate_id, day, SUM(count) AS count "
               "FROM scan_count GROUP BY certificate_id, day")
    op.execute("DELETE FROM scan_count")
    with op.batch_alter_table('scan_count', schema=None) as batch_op:
        batch_op.drop_constraint('pk_scan_count', type_='primary')
        batch_op.drop_column('serial')
        batch_op.create_primary_key('pk_scan_count', ['certificate_id', 'day'])
    op.execute("INSERT INTO scan_count (certificate_id, day, count) SELECT certificate_id, day, count "
               "FROM scan_count_merged")
    op.execute("DROP TABLE scan_count_merged")

    with op.batch_alter_table('sticker_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sticker_report_day'))

    op.drop_table('sticker_report')
    with op.batch_alter_table('sticker', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sticker_certificate_id'))
        batch_op.drop_index(batch_op.f('ix_sticker_batch_id'))

    op.drop_table('sticker')
    op.drop_table('sticker_batch')
