"""declared_holiday: a public holiday or closure announced for one workspace

Revision ID: c5d6e7f8a9b0
Revises: once1a2b3c4d
Create Date: 2026-11-30 12:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c5d6e7f8a9b0'
down_revision = 'once1a2b3c4d'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('declared_holiday',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('declared_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], name=op.f('fk_declared_holiday_workspace_id_workspace')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_declared_holiday')),
    sa.UniqueConstraint('workspace_id', 'day', name=op.f('uq_declared_holiday_workspace_id'))
    )
    with op.batch_alter_table('declared_holiday', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_declared_holiday_workspace_id'), ['workspace_id'], unique=False)


def downgrade():
    with op.batch_alter_table('declared_holiday', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_declared_holiday_workspace_id'))
    op.drop_table('declared_holiday')
