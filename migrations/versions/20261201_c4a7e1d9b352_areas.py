"""areas: a list the admin manages, with postcode districts and officers; premises and print batches point at it

Revision ID: c4a7e1d9b352
Revises: 034828c02b17
Create Date: 2026-12-01 15:10:00

Every distinct area a business typed becomes one area, after folding case, spaces,
apostrophes and punctuation ("Galleys Corner" and "Galley's Corner" are one), named by its
most common spelling. Districts are left for the admin to set: one outward code often spans
several wards. Downgrade writes each area's name back as text.
"""
import re
from datetime import datetime, timezone
from collections import Counter, defaultdict

from alembic import op
import sqlalchemy as sa


revision = 'c4a7e1d9b352'
down_revision = '034828c02b17'
branch_labels = None
depends_on = None


def _key(name):
    # A copy of scheme.domain.areas.name_key as it is today: a migration must not change
    # when the code does.
    folded = re.sub(r"['\u2018\u2019`\u00b4]", "", name.casefold())
    return " ".join(re.sub(r"[\W_]+", " ", folded).split())


def upgrade():
    op.create_table('area',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('active', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_area')),
    sa.UniqueConstraint('key', name=op.f('uq_area_key'))
    )
    op.create_table('area_district',
    sa.Column('district', sa.String(length=4), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['area_id'], ['area.id'], name=op.f('fk_area_district_area_id_area'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('district', name=op.f('pk_area_district'))
    )
    with op.batch_alter_table('area_district', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_area_district_area_id'), ['area_id'], unique=False)
    op.create_table('officer_area',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['area_id'], ['area.id'], name=op.f('fk_officer_area_area_id_area'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_officer_area_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'area_id', name=op.f('pk_officer_area'))
    )
    with op.batch_alter_table('officer_area', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_officer_area_area_id'), ['area_id'], unique=False)

    with op.batch_alter_table('premises', schema=None) as batch_op:
        batch_op.add_column(sa.Column('area_id', sa.Integer(), nullable=True))
    with op.batch_alter_table('sticker_batch', schema=None) as batch_op:
        batch_op.add_column(sa.Column('area_id', sa.Integer(), nullable=True))

    connection = op.get_bind()
    premises = sa.table('premises', sa.column('id', sa.Integer), sa.column('area', sa.String),
                        sa.column('area_id', sa.Integer))
    batches = sa.table('sticker_batch', sa.column('id', sa.Integer), sa.column('area', sa.String),
                       sa.column('area_id', sa.Integer))
    area = sa.table('area', sa.column('id', sa.Integer), sa.column('name', sa.String), sa.column('key', sa.String),
                    sa.column('active', sa.Boolean), sa.column('created_at', sa.DateTime(timezone=True)),
                    sa.column('updated_at', sa.DateTime(timezone=True)))
    spellings = defaultdict(Counter)
    for table in (premises, batches):
        for name, count in connection.execute(sa.select(table.c.area, sa.func.count()).group_by(table.c.area)):
            if name and _key(name):
                spellings[_key(name)][name.strip()] += count
    now = datetime.now(timezone.utc)
    ids = {}
    for key, counts in sorted(spellings.items()):
        # The most common spelling; of equally common ones, one in mixed case ("Bocking", not
        # "BOCKING" or "bocking"), then the first in order.
        name = sorted(counts.items(), key=lambda item: (-item[1], item[0].isupper() or item[0].islower(),
                                                        item[0]))[0][0]
        connection.execute(area.insert().values(name=name, key=key, active=True, created_at=now, updated_at=now))
        ids[key] = connection.scalar(sa.select(area.c.id).where(area.c.key == key))
    for table in (premises, batches):
        for name in list(connection.scalars(sa.select(table.c.area).distinct())):
            if name and _key(name) in ids:
                connection.execute(table.update().where(table.c.area == name).values(area_id=ids[_key(name)]))

    with op.batch_alter_table('premises', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_premises_area'))
        batch_op.drop_column('area')
        batch_op.create_index(batch_op.f('ix_premises_area_id'), ['area_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_premises_area_id_area'), 'area', ['area_id'], ['id'])
    with op.batch_alter_table('sticker_batch', schema=None) as batch_op:
        batch_op.drop_column('area')
        batch_op.create_index(batch_op.f('ix_sticker_batch_area_id'), ['area_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_sticker_batch_area_id_area'), 'area', ['area_id'], ['id'])


def downgrade():
    with op.batch_alter_table('premises', schema=None) as batch_op:
        batch_op.add_column(sa.Column('area', sa.String(length=100), nullable=False, server_default=''))
    with op.batch_alter_table('sticker_batch', schema=None) as batch_op:
        batch_op.add_column(sa.Column('area', sa.String(length=100), nullable=False, server_default=''))
    connection = op.get_bind()
    for table_name in ('premises', 'sticker_batch'):
        connection.execute(sa.text(
            f"UPDATE {table_name} SET area = (SELECT area.name FROM area WHERE area.id = {table_name}.area_id) "
            f"WHERE area_id IS NOT NULL"))
    for table_name in ('premises', 'sticker_batch'):
        with op.batch_alter_table(table_name, schema=None) as batch_op:
            batch_op.alter_column('area', existing_type=sa.String(length=100), server_default=None)
    with op.batch_alter_table('sticker_batch', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_sticker_batch_area_id_area'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_sticker_batch_area_id'))
        batch_op.drop_column('area_id')
    with op.batch_alter_table('premises', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_premises_area_id_area'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_premises_area_id'))
        batch_op.drop_column('area_id')
        batch_op.create_index(batch_op.f('ix_premises_area'), ['area'], unique=False)

    with op.batch_alter_table('officer_area', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_officer_area_area_id'))
    op.drop_table('officer_area')
    with op.batch_alter_table('area_district', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_area_district_area_id'))
    op.drop_table('area_district')
    op.drop_table('area')
