"""snapshots, reset records, cohort worlds

Revision ID: fc_resets1a2b
Revises: fc_certs_1a2b
Create Date: 2026-11-30 16:42:34.112503

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'fc_resets1a2b'
down_revision = 'fc_certs_1a2b'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('cohort_world',
    sa.Column('cohort_id', sa.Integer(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['cohort_id'], ['cohort.id'], name=op.f('fk_cohort_world_cohort_id_cohort')),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], name=op.f('fk_cohort_world_workspace_id_workspace')),
    sa.PrimaryKeyConstraint('cohort_id', name=op.f('pk_cohort_world')),
    sa.UniqueConstraint('workspace_id', name=op.f('uq_cohort_world_workspace_id'))
    )
    op.create_table('snapshot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cohort_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=120), nullable=False),
    sa.Column('is_automatic', sa.Boolean(), nullable=False),
    sa.Column('is_fresh', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('workspaces', sa.Integer(), nullable=False),
    sa.Column('items', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['cohort_id'], ['cohort.id'], name=op.f('fk_snapshot_cohort_id_cohort')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_snapshot_created_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_snapshot'))
    )
    with op.batch_alter_table('snapshot', schema=None) as batch_op:
        batch_op.create_index('ix_snapshot_cohort_created', ['cohort_id', 'id'], unique=False)

    op.create_table('reset_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cohort_id', sa.Integer(), nullable=False),
    sa.Column('grain', sa.String(length=20), nullable=False),
    sa.Column('enrolment_id', sa.Integer(), nullable=True),
    sa.Column('scenario_id', sa.String(length=60), nullable=True),
    sa.Column('step_id', sa.String(length=60), nullable=True),
    sa.Column('keeps_progress', sa.Boolean(), nullable=False),
    sa.Column('workspaces', sa.Integer(), nullable=False),
    sa.Column('items', sa.Integer(), nullable=False),
    sa.Column('snapshot_id', sa.Integer(), nullable=True),
    sa.Column('reset_by_id', sa.Integer(), nullable=True),
    sa.Column('reset_at', sa.DateTime(), nullable=False),
    sa.Column('undone_by_id', sa.Integer(), nullable=True),
    sa.Column('undone_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['cohort_id'], ['cohort.id'], name=op.f('fk_reset_record_cohort_id_cohort')),
    sa.ForeignKeyConstraint(['enrolment_id'], ['enrolment.id'], name=op.f('fk_reset_record_enrolment_id_enrolment')),
    sa.ForeignKeyConstraint(['reset_by_id'], ['user.id'], name=op.f('fk_reset_record_reset_by_id_user')),
    sa.ForeignKeyConstraint(['snapshot_id'], ['snapshot.id'], name=op.f('fk_reset_record_snapshot_id_snapshot')),
    sa.ForeignKeyConstraint(['undone_by_id'], ['user.id'], name=op.f('fk_reset_record_undone_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reset_record'))
    )
    with op.batch_alter_table('reset_record', schema=None) as batch_op:
        batch_op.create_index('ix_reset_record_cohort', ['cohort_id', 'id'], unique=False)

    op.create_table('snapshot_attachment',
    sa.Column('snapshot_row', sa.Integer(), nullable=False),
    sa.Column('snapshot_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=True),
    sa.Column('workspace_id', sa.Integer(), nullable=True),
    sa.Column('feedback_id', sa.Integer(), nullable=True),
    sa.Column('filename', sa.String(length=255), nullable=True),
    sa.Column('content_type', sa.String(length=32), nullable=True),
    sa.Column('size', sa.Integer(), nullable=True),
    sa.Column('stored_name', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['snapshot_id'], ['snapshot.id'], name=op.f('fk_snapshot_attachment_snapshot_id_snapshot')),
    sa.PrimaryKeyConstraint('snapshot_row', name=op.f('pk_snapshot_attachment'))
    )
    with op.batch_alter_table('snapshot_attachment', schema=None) as batch_op:
        batch_op.create_index('ix_snapshot_attachment_snapshot', ['snapshot_id'], unique=False)

    op.create_table('snapshot_declared_holiday',
    sa.Column('snapshot_row', sa.Integer(), nullable=False),
    sa.Column('snapshot_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=True),
    sa.Column('workspace_id', sa.Integer(), nullable=True),
    sa.Column('day', sa.Date(), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('declared_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['snapshot_id'], ['snapshot.id'], name=op.f('fk_snapshot_declared_holiday_snapshot_id_snapshot')),
    sa.PrimaryKeyConstraint('snapshot_row', name=op.f('pk_snapshot_declared_holiday'))
    )
    with op.batch_alter_table('snapshot_declared_holiday', schema=None) as batch_op:
        batch_op.create_index('ix_snapshot_declared_holiday_snapshot', ['snapshot_id'], unique=False)

    op.create_table('snapshot_feedback',
    sa.Column('snapshot_row', sa.Integer(), nullable=False),
    sa.Column('snapshot_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=True),
    sa.Column('workspace_id', sa.Integer(), nullable=True),
    sa.Column('reference', sa.String(length=32), nullable=True),
    sa.Column('type', sa.String(length=32), nullable=True),
    sa.Column('complainant_type', sa.String(length=32), nullable=True),
    sa.Column('channel', sa.String(length=32), nullable=True),
    sa.Column('institution_id', sa.Integer(), nullable=True),
    sa.Column('category_id', sa.Integer(), nullable=True),
    sa.Column('region_id', sa.Integer(), nullable=True),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=True),
    sa.Column('is_sensitive', sa.Boolean(), nullable=True),
    sa.Column('complainant_name', sa.String(length=120), nullable=True),
    sa.Column('complainant_phone', sa.String(length=20), nullable=True),
    sa.Column('complainant_email', sa.String(length=120), nullable=True),
    sa.Column('citizen_secret_digest', sa.String(length=64), nullable=True),
    sa.Column('status', sa.String(length=32), nullable=True),
    sa.Column('assignee_id', sa.Integer(), nullable=True),
    sa.Column('transfer_count', sa.Integer(), nullable=True),
    sa.Column('transfer_target_id', sa.Integer(), nullable=True),
    sa.Column('status_before_transfer', sa.String(length=32), nullable=True),
    sa.Column('escalation_level', sa.String(length=32), nullable=True),
    sa.Column('received_at', sa.DateTime(), nullable=True),
    sa.Column('acknowledge_due', sa.DateTime(), nullable=True),
    sa.Column('respond_due', sa.DateTime(), nullable=True),
    sa.Column('acknowledged_at', sa.DateTime(), nullable=True),
    sa.Column('responded_at', sa.DateTime(), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('paused_since', sa.DateTime(), nullable=True),
    sa.Column('rating', sa.Integer(), nullable=True),
    sa.Column('reopen_count', sa.Integer(), nullable=True),
    sa.Column('resolution', sa.String(length=32), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=True),
    sa.Column('submission_token', sa.String(length=80), nullable=True),
    sa.ForeignKeyConstraint(['snapshot_id'], ['snapshot.id'], name=op.f('fk_snapshot_feedback_snapshot_id_snapshot')),
    sa.PrimaryKeyConstraint('snapshot_row', name=op.f('pk_snapshot_feedback'))
    )
    with op.batch_alter_table('snapshot_feedback', schema=None) as batch_op:
        batch_op.create_index('ix_snapshot_feedback_snapshot', ['snapshot_id'], unique=False)

    op.create_table('snapshot_feedback_event',
    sa.Column('snapshot_row', sa.Integer(), nullable=False),
    sa.Column('snapshot_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=True),
    sa.Column('workspace_id', sa.Integer(), nullable=True),
    sa.Column('feedback_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=32), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_label', sa.String(length=120), nullable=True),
    sa.Column('status_before', sa.String(length=32), nullable=True),
    sa.Column('status_after', sa.String(length=32), nullable=True),
    sa.Column('is_public', sa.Boolean(), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('detail', sa.String(length=200), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['snapshot_id'], ['snapshot.id'], name=op.f('fk_snapshot_feedback_event_snapshot_id_snapshot')),
    sa.PrimaryKeyConstraint('snapshot_row', name=op.f('pk_snapshot_feedback_event'))
    )
    with op.batch_alter_table('snapshot_feedback_event', schema=None) as batch_op:
        batch_op.create_index('ix_snapshot_feedback_event_snapshot', ['snapshot_id'], unique=False)

    op.create_table('snapshot_identity_reveal',
    sa.Column('snapshot_row', sa.Integer(), nullable=False),
    sa.Column('snapshot_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=True),
    sa.Column('workspace_id', sa.Integer(), nullable=True),
    sa.Column('feedback_id', sa.Integer(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['snapshot_id'], ['snapshot.id'], name=op.f('fk_snapshot_identity_reveal_snapshot_id_snapshot')),
    sa.PrimaryKeyConstraint('snapshot_row', name=op.f('pk_snapshot_identity_reveal'))
    )
    with op.batch_alter_table('snapshot_identity_reveal', schema=None) as batch_op:
        batch_op.create_index('ix_snapshot_identity_reveal_snapshot', ['snapshot_id'], unique=False)

    op.create_table('snapshot_scenario_attempt',
    sa.Column('snapshot_row', sa.Integer(), nullable=False),
    sa.Column('snapshot_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=True),
    sa.Column('workspace_id', sa.Integer(), nullable=True),
    sa.Column('placed', sa.JSON(), nullable=True),
    sa.Column('hints_opened', sa.JSON(), nullable=True),
    sa.Column('steps_passed', sa.JSON(), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('is_completed', sa.Boolean(), nullable=True),
    sa.Column('is_success', sa.Boolean(), nullable=True),
    sa.Column('is_current', sa.Boolean(), nullable=True),
    sa.Column('checked_wall', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['snapshot_id'], ['snapshot.id'], name=op.f('fk_snapshot_scenario_attempt_snapshot_id_snapshot')),
    sa.PrimaryKeyConstraint('snapshot_row', name=op.f('pk_snapshot_scenario_attempt'))
    )
    with op.batch_alter_table('snapshot_scenario_attempt', schema=None) as batch_op:
        batch_op.create_index('ix_snapshot_scenario_attempt_snapshot', ['snapshot_id'], unique=False)

    op.create_table('snapshot_sla_rule_setting',
    sa.Column('snapshot_row', sa.Integer(), nullable=False),
    sa.Column('snapshot_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=True),
    sa.Column('workspace_id', sa.Integer(), nullable=True),
    sa.Column('feedback_type', sa.String(length=32), nullable=True),
    sa.Column('acknowledge_days', sa.Integer(), nullable=True),
    sa.Column('respond_days', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['snapshot_id'], ['snapshot.id'], name=op.f('fk_snapshot_sla_rule_setting_snapshot_id_snapshot')),
    sa.PrimaryKeyConstraint('snapshot_row', name=op.f('pk_snapshot_sla_rule_setting'))
    )
    with op.batch_alter_table('snapshot_sla_rule_setting', schema=None) as batch_op:
        batch_op.create_index('ix_snapshot_sla_rule_setting_snapshot', ['snapshot_id'], unique=False)

    op.create_table('snapshot_sms_message',
    sa.Column('snapshot_row', sa.Integer(), nullable=False),
    sa.Column('snapshot_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=True),
    sa.Column('workspace_id', sa.Integer(), nullable=True),
    sa.Column('direction', sa.String(length=32), nullable=True),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('short_code', sa.String(length=20), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('feedback_id', sa.Integer(), nullable=True),
    sa.Column('gateway_id', sa.String(length=64), nullable=True),
    sa.Column('ussd_session_id', sa.String(length=128), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['snapshot_id'], ['snapshot.id'], name=op.f('fk_snapshot_sms_message_snapshot_id_snapshot')),
    sa.PrimaryKeyConstraint('snapshot_row', name=op.f('pk_snapshot_sms_message'))
    )
    with op.batch_alter_table('snapshot_sms_message', schema=None) as batch_op:
        batch_op.create_index('ix_snapshot_sms_message_snapshot', ['snapshot_id'], unique=False)

    op.create_table('snapshot_ussd_session',
    sa.Column('snapshot_row', sa.Integer(), nullable=False),
    sa.Column('snapshot_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=True),
    sa.Column('workspace_id', sa.Integer(), nullable=True),
    sa.Column('session_id', sa.String(length=128), nullable=True),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('state', sa.Text(), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['snapshot_id'], ['snapshot.id'], name=op.f('fk_snapshot_ussd_session_snapshot_id_snapshot')),
    sa.PrimaryKeyConstraint('snapshot_row', name=op.f('pk_snapshot_ussd_session'))
    )
    with op.batch_alter_table('snapshot_ussd_session', schema=None) as batch_op:
        batch_op.create_index('ix_snapshot_ussd_session_snapshot', ['snapshot_id'], unique=False)

    op.create_table('snapshot_workspace',
    sa.Column('snapshot_row', sa.Integer(), nullable=False),
    sa.Column('snapshot_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=True),
    sa.Column('clock_base', sa.DateTime(), nullable=True),
    sa.Column('clock_started_at', sa.DateTime(), nullable=True),
    sa.Column('next_reference_seq', sa.Integer(), nullable=True),
    sa.Column('escalations_checked_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['snapshot_id'], ['snapshot.id'], name=op.f('fk_snapshot_workspace_snapshot_id_snapshot')),
    sa.PrimaryKeyConstraint('snapshot_row', name=op.f('pk_snapshot_workspace'))
    )
    with op.batch_alter_table('snapshot_workspace', schema=None) as batch_op:
        batch_op.create_index('ix_snapshot_workspace_snapshot', ['snapshot_id'], unique=False)

    op.create_table('snapshot_workspace_flag',
    sa.Column('snapshot_row', sa.Integer(), nullable=False),
    sa.Column('snapshot_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=True),
    sa.Column('workspace_id', sa.Integer(), nullable=True),
    sa.Column('flag', sa.String(length=60), nullable=True),
    sa.Column('is_enabled', sa.Boolean(), nullable=True),
    sa.ForeignKeyConstraint(['snapshot_id'], ['snapshot.id'], name=op.f('fk_snapshot_workspace_flag_snapshot_id_snapshot')),
    sa.PrimaryKeyConstraint('snapshot_row', name=op.f('pk_snapshot_workspace_flag'))
    )
    with op.batch_alter_table('snapshot_workspace_flag', schema=None) as batch_op:
        batch_op.create_index('ix_snapshot_workspace_flag_snapshot', ['snapshot_id'], unique=False)



def downgrade():
    with op.batch_alter_table('snapshot_workspace_flag', schema=None) as batch_op:
        batch_op.drop_index('ix_snapshot_workspace_flag_snapshot')

    op.drop_table('snapshot_workspace_flag')
    with op.batch_alter_table('snapshot_workspace', schema=None) as batch_op:
        batch_op.drop_index('ix_snapshot_workspace_snapshot')

    op.drop_table('snapshot_workspace')
    with op.batch_alter_table('snapshot_ussd_session', schema=None) as batch_op:
        batch_op.drop_index('ix_snapshot_ussd_session_snapshot')

    op.drop_table('snapshot_ussd_session')
    with op.batch_alter_table('snapshot_sms_message', schema=None) as batch_op:
        batch_op.drop_index('ix_snapshot_sms_message_snapshot')

    op.drop_table('snapshot_sms_message')
    with op.batch_alter_table('snapshot_sla_rule_setting', schema=None) as batch_op:
        batch_op.drop_index('ix_snapshot_sla_rule_setting_snapshot')

    op.drop_table('snapshot_sla_rule_setting')
    with op.batch_alter_table('snapshot_scenario_attempt', schema=None) as batch_op:
        batch_op.drop_index('ix_snapshot_scenario_attempt_snapshot')

    op.drop_table('snapshot_scenario_attempt')
    with op.batch_alter_table('snapshot_identity_reveal', schema=None) as batch_op:
        batch_op.drop_index('ix_snapshot_identity_reveal_snapshot')

    op.drop_table('snapshot_identity_reveal')
    with op.batch_alter_table('snapshot_feedback_event', schema=None) as batch_op:
        batch_op.drop_index('ix_snapshot_feedback_event_snapshot')

    op.drop_table('snapshot_feedback_event')
    with op.batch_alter_table('snapshot_feedback', schema=None) as batch_op:
        batch_op.drop_index('ix_snapshot_feedback_snapshot')

    op.drop_table('snapshot_feedback')
    with op.batch_alter_table('snapshot_declared_holiday', schema=None) as batch_op:
        batch_op.drop_index('ix_snapshot_declared_holiday_snapshot')

    op.drop_table('snapshot_declared_holiday')
    with op.batch_alter_table('snapshot_attachment', schema=None) as batch_op:
        batch_op.drop_index('ix_snapshot_attachment_snapshot')

    op.drop_table('snapshot_attachment')
    with op.batch_alter_table('reset_record', schema=None) as batch_op:
        batch_op.drop_index('ix_reset_record_cohort')

    op.drop_table('reset_record')
    with op.batch_alter_table('snapshot', schema=None) as batch_op:
        batch_op.drop_index('ix_snapshot_cohort_created')

    op.drop_table('snapshot')
    op.drop_table('cohort_world')
