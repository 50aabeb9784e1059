"""enrolment.join_key: the join form's one-time key (the same form sent twice joins once)

Revision ID: join3d4e5
Revises: attempt2c3d4
Create Date: 2026-11-30 18:05:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'join3d4e5'
down_revision = 'attempt2c3d4'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('enrolment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('join_key', sa.String(length=40), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_enrolment_join_key'), ['join_key'])


def downgrade():
    with op.batch_alter_table('enrolment', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_enrolment_join_key'), type_='unique')
        batch_op.drop_column('join_key')
