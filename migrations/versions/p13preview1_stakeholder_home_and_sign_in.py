"""p13-preview: a stakeholder's home institution and region, personal code and PIN

Revision ID: p13preview1
Revises: p13toggles1a
Create Date: 2026-11-30 21:50:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "p13preview1"
down_revision = "p13toggles1a"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("stakeholder", schema=None) as batch_op:
        batch_op.add_column(sa.Column("home_institution_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("home_region_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("personal_code", sa.String(length=16), nullable=True))
        batch_op.add_column(
            sa.Column("pin_hash", sa.String(length=256), nullable=False, server_default="")
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_stakeholder_personal_code"), ["personal_code"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_stakeholder_home_institution_id_institution"),
            "institution",
            ["home_institution_id"],
            ["id"],
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_stakeholder_home_region_id_region"), "region", ["home_region_id"], ["id"]
        )


def downgrade():
    with op.batch_alter_table("stakeholder", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_stakeholder_home_region_id_region"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_stakeholder_home_institution_id_institution"), type_="foreignkey"
        )
        batch_op.drop_constraint(batch_op.f("uq_stakeholder_personal_code"), type_="unique")
        batch_op.drop_column("pin_hash")
        batch_op.drop_column("personal_code")
        batch_op.drop_column("home_region_id")
        batch_op.drop_column("home_institution_id")
