"""cohort.uuid and cohort.imported_digest: a cohort's identity across installations

Revision ID: fc_archive1a2b
Revises: fc_room1a2b
Create Date: 2026-11-30 17:45:00

"""
import uuid

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'fc_archive1a2b'
down_revision = 'fc_room1a2b'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cohort', schema=None) as batch_op:
        batch_op.add_column(sa.Column('uuid', sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column('imported_digest', sa.String(length=64), nullable=True))
    cohort = sa.table('cohort', sa.column('id', sa.Integer), sa.column('uuid', sa.String))
    connection = op.get_bind()
    for (cohort_id,) in connection.execute(sa.select(cohort.c.id)).all():
        connection.execute(
            cohort.update().where(cohort.c.id == cohort_id).values(uuid=str(uuid.uuid4()))
        )
    with op.batch_alter_table('cohort', schema=None) as batch_op:
        batch_op.alter_column('uuid', existing_type=sa.String(length=36), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_cohort_uuid'), ['uuid'])


def downgrade():
    with op.batch_alter_table('cohort', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_cohort_uuid'), type_='unique')
        batch_op.drop_column('imported_digest')
        batch_op.drop_column('uuid')
