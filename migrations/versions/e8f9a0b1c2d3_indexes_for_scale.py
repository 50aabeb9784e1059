"""indexes for scale: the officer's scope, covering indexes for counts and reports

Revision ID: e8f9a0b1c2d3
Revises: d7e8f9a0b1c2
Create Date: 2026-11-30 14:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e8f9a0b1c2d3'
down_revision = 'd7e8f9a0b1c2'
branch_labels = None
depends_on = None


OPEN_NOW = ['workspace_id', 'status', 'type', 'channel', 'acknowledge_due', 'respond_due',
            'escalation_level', 'assignee_id']
PERIOD = ['workspace_id', 'received_at', 'status', 'type', 'channel', 'category_id',
          'institution_id', 'acknowledged_at', 'responded_at', 'acknowledge_due', 'respond_due',
          'paused_since']


def upgrade():
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.drop_index('ix_feedback_ws_status')
        batch_op.create_index('ix_feedback_ws_status', OPEN_NOW, unique=False)
        batch_op.drop_index('ix_feedback_ws_received')
        batch_op.create_index('ix_feedback_ws_received', PERIOD, unique=False)
        batch_op.create_index('ix_feedback_ws_transfer_target', ['workspace_id', 'transfer_target_id', 'status'], unique=False)
    with op.batch_alter_table('feedback_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_event_workspace_id'))
        batch_op.create_index('ix_event_ws_action_at', ['workspace_id', 'action', 'at'], unique=False)


def downgrade():
    with op.batch_alter_table('feedback_event', schema=None) as batch_op:
        batch_op.drop_index('ix_event_ws_action_at')
        batch_op.create_index(batch_op.f('ix_feedback_event_workspace_id'), ['workspace_id'], unique=False)
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.drop_index('ix_feedback_ws_transfer_target')
        batch_op.drop_index('ix_feedback_ws_received')
        batch_op.create_index('ix_feedback_ws_received', ['workspace_id', 'received_at'], unique=False)
        batch_op.drop_index('ix_feedback_ws_status')
        batch_op.create_index('ix_feedback_ws_status', ['workspace_id', 'status'], unique=False)
