"""status_lookup: a citizen looked an item's status up on USSD or the portal

Revision ID: lookup1a2b3
Revises: facil1a2b3c
Create Date: 2026-11-30 17:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'lookup1a2b3'
down_revision = 'facil1a2b3c'
branch_labels = None
depends_on = None

CHANNELS = ('web', 'app', 'ussd', 'sms', 'walk_in')


def upgrade():
    op.create_table('status_lookup',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('feedback_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.Enum(*CHANNELS, name='channel', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['feedback_id'], ['feedback.id'], name=op.f('fk_status_lookup_feedback_id_feedback')),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], name=op.f('fk_status_lookup_workspace_id_workspace')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_status_lookup'))
    )
    with op.batch_alter_table('status_lookup', schema=None) as batch_op:
        batch_op.create_index('ix_status_lookup_feedback', ['feedback_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_status_lookup_workspace_id'), ['workspace_id'], unique=False)


def downgrade():
    with op.batch_alter_table('status_lookup', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_status_lookup_workspace_id'))
        batch_op.drop_index('ix_status_lookup_feedback')
    op.drop_table('status_lookup')
