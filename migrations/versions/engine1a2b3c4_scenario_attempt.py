"""scenario_attempt: a trainee's attempt at a guided scenario and its latest result

Revision ID: engine1a2b3c4
Revises: e8f9a0b1c2d3
Create Date: 2026-11-30 14:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'engine1a2b3c4'
down_revision = 'e8f9a0b1c2d3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('scenario_attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('scenario_id', sa.String(length=60), nullable=False),
    sa.Column('scenario_version', sa.Integer(), nullable=False),
    sa.Column('placed', sa.JSON(), nullable=False),
    sa.Column('hints_opened', sa.JSON(), nullable=False),
    sa.Column('steps_passed', sa.JSON(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('is_completed', sa.Boolean(), nullable=False),
    sa.Column('is_success', sa.Boolean(), nullable=False),
    sa.Column('is_current', sa.Boolean(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('started_wall', sa.DateTime(), nullable=False),
    sa.Column('checked_wall', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_scenario_attempt_user_id_user')),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], name=op.f('fk_scenario_attempt_workspace_id_workspace')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scenario_attempt'))
    )
    with op.batch_alter_table('scenario_attempt', schema=None) as batch_op:
        batch_op.create_index('ix_attempt_ws_user_scenario', ['workspace_id', 'user_id', 'scenario_id'], unique=False)


def downgrade():
    with op.batch_alter_table('scenario_attempt', schema=None) as batch_op:
        batch_op.drop_index('ix_attempt_ws_user_scenario')
    op.drop_table('scenario_attempt')
