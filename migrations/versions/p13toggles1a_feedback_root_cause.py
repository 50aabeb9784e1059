"""feedback_root_cause: a complaint's root cause, chosen when it is closed

Revision ID: p13toggles1a
Revises: preview1a2b
Create Date: 2026-11-30 21:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'p13toggles1a'
down_revision = 'preview1a2b'
branch_labels = None
depends_on = None

ROOT_CAUSES = ('staff_conduct', 'delay', 'missing_information', 'policy_gap', 'infrastructure', 'other')


def upgrade():
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.add_column(sa.Column('root_cause', sa.Enum(*ROOT_CAUSES, name='rootcause', native_enum=False, create_constraint=True, length=32), nullable=True))
    with op.batch_alter_table('snapshot_feedback', schema=None) as batch_op:
        batch_op.add_column(sa.Column('root_cause', sa.String(length=32), nullable=True))


def downgrade():
    with op.batch_alter_table('snapshot_feedback', schema=None) as batch_op:
        batch_op.drop_column('root_cause')
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_feedback_rootcause'), type_='check')
        batch_op.drop_column('root_cause')
