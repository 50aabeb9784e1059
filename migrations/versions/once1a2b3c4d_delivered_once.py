"""delivered once: feedback submission tokens, one inbound SMS per gateway id

Revision ID: once1a2b3c4d
Revises: conf1a2b3c4d
Create Date: 2026-12-01 10:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'once1a2b3c4d'
down_revision = 'conf1a2b3c4d'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.add_column(sa.Column('submission_token', sa.String(length=80), nullable=True))
        batch_op.create_unique_constraint(
            batch_op.f('uq_feedback_submission_token'), ['workspace_id', 'submission_token']
        )
    # "No gateway id" becomes NULL (NULLs never collide); a re-delivery already stored twice
    # by the old code keeps its id on the first copy only, so the constraint can be made.
    op.execute("UPDATE sms_message SET gateway_id = NULL WHERE gateway_id = ''")
    op.execute(
        "UPDATE sms_message SET gateway_id = NULL WHERE gateway_id IS NOT NULL AND id NOT IN "
        "(SELECT MIN(id) FROM sms_message WHERE gateway_id IS NOT NULL "
        "GROUP BY workspace_id, gateway_id)"
    )
    with op.batch_alter_table('sms_message', schema=None) as batch_op:
        batch_op.alter_column('gateway_id', existing_type=sa.String(length=64), nullable=True)
        batch_op.create_unique_constraint(
            batch_op.f('uq_sms_message_gateway_id'), ['workspace_id', 'gateway_id']
        )


def downgrade():
    with op.batch_alter_table('sms_message', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_sms_message_gateway_id'), type_='unique')
    op.execute("UPDATE sms_message SET gateway_id = '' WHERE gateway_id IS NULL")
    with op.batch_alter_table('sms_message', schema=None) as batch_op:
        batch_op.alter_column('gateway_id', existing_type=sa.String(length=64), nullable=False)
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_feedback_submission_token'), type_='unique')
        batch_op.drop_column('submission_token')
