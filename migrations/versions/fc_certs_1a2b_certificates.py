"""certificates: cohort.required_scenarios and the certificate table

Revision ID: fc_certs_1a2b
Revises: fc_archive1a2b
Create Date: 2026-11-30 17:00:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "fc_certs_1a2b"
down_revision = "fc_archive1a2b"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("cohort", schema=None) as batch_op:
        batch_op.add_column(sa.Column("required_scenarios", sa.JSON(), nullable=True))
    op.create_table(
        "certificate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("enrolment_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("scenarios", sa.JSON(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("issued_by_id", sa.Integer(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_reason", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(
            ["cohort_id"], ["cohort.id"], name=op.f("fk_certificate_cohort_id_cohort")
        ),
        sa.ForeignKeyConstraint(
            ["enrolment_id"], ["enrolment.id"], name=op.f("fk_certificate_enrolment_id_enrolment")
        ),
        sa.ForeignKeyConstraint(
            ["issued_by_id"], ["user.id"], name=op.f("fk_certificate_issued_by_id_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate")),
        sa.UniqueConstraint("code", name=op.f("uq_certificate_code")),
    )
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_certificate_cohort_id"), ["cohort_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_certificate_enrolment_id"), ["enrolment_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_certificate_enrolment_id"))
        batch_op.drop_index(batch_op.f("ix_certificate_cohort_id"))
    op.drop_table("certificate")
    with op.batch_alter_table("cohort", schema=None) as batch_op:
        batch_op.drop_column("required_scenarios")
