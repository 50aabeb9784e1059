"""cohort.facilitator_id: the facilitator who runs a cohort

Revision ID: facil1a2b3c
Revises: progress1a2b3
Create Date: 2026-11-30 17:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'facil1a2b3c'
down_revision = 'progress1a2b3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cohort', schema=None) as batch_op:
        batch_op.add_column(sa.Column('facilitator_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_cohort_facilitator_id'), ['facilitator_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_cohort_facilitator_id_user'), 'user', ['facilitator_id'], ['id'])


def downgrade():
    with op.batch_alter_table('cohort', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_cohort_facilitator_id_user'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_cohort_facilitator_id'))
        batch_op.drop_column('facilitator_id')
