"""cohort.shared_workspace_id: a cohort's shared workspace for group exercises

Revision ID: fc_cohorts1a2b
Revises: lookup1a2b3
Create Date: 2026-11-30 17:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'fc_cohorts1a2b'
down_revision = 'lookup1a2b3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cohort', schema=None) as batch_op:
        batch_op.add_column(sa.Column('shared_workspace_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_cohort_shared_workspace_id_workspace'), 'workspace', ['shared_workspace_id'], ['id'])


def downgrade():
    with op.batch_alter_table('cohort', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_cohort_shared_workspace_id_workspace'), type_='foreignkey')
        batch_op.drop_column('shared_workspace_id')
