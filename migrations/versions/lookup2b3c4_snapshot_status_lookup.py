"""snapshot_status_lookup: status lookups are saved and restored with a workspace's world

Revision ID: lookup2b3c4
Revises: fc_resets1a2b
Create Date: 2026-11-30 17:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'lookup2b3c4'
down_revision = 'fc_resets1a2b'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('snapshot_status_lookup',
    sa.Column('snapshot_row', sa.Integer(), nullable=False),
    sa.Column('snapshot_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=True),
    sa.Column('workspace_id', sa.Integer(), nullable=True),
    sa.Column('feedback_id', sa.Integer(), nullable=True),
    sa.Column('channel', sa.String(length=32), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['snapshot_id'], ['snapshot.id'], name=op.f('fk_snapshot_status_lookup_snapshot_id_snapshot')),
    sa.PrimaryKeyConstraint('snapshot_row', name=op.f('pk_snapshot_status_lookup'))
    )
    with op.batch_alter_table('snapshot_status_lookup', schema=None) as batch_op:
        batch_op.create_index('ix_snapshot_status_lookup_snapshot', ['snapshot_id'], unique=False)


def downgrade():
    with op.batch_alter_table('snapshot_status_lookup', schema=None) as batch_op:
        batch_op.drop_index('ix_snapshot_status_lookup_snapshot')
    op.drop_table('snapshot_status_lookup')
