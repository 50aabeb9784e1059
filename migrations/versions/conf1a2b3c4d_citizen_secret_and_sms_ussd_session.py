"""citizen secret digest on feedback; USSD session of a number-less SMS

Revision ID: conf1a2b3c4d
Revises: b3f1d2c4e5a6
Create Date: 2026-12-01 10:00:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "conf1a2b3c4d"
down_revision = 'b3f1d2c4e5a6'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.add_column(sa.Column("citizen_secret_digest", sa.String(length=64), nullable=True))
    with op.batch_alter_table("sms_message", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("ussd_session_id", sa.String(length=128), server_default="", nullable=False)
        )


def downgrade():
    with op.batch_alter_table("sms_message", schema=None) as batch_op:
        batch_op.drop_column("ussd_session_id")
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_column("citizen_secret_digest")
