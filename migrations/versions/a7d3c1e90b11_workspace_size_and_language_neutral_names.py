"""workspace: the size it was seeded with; language-neutral names

Revision ID: a7d3c1e90b11
Revises: eac71a5909fe
Create Date: 2026-11-30 11:45:00

A workspace now remembers how many items it was seeded with, so regenerating it uses its
own size and seed. Names are stored without a language ("e-Mrejesho", a trainee's login);
screens add the kind's label in the reader's language.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7d3c1e90b11'
down_revision = 'eac71a5909fe'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('workspace', schema=None) as batch_op:
        batch_op.add_column(sa.Column('size', sa.Integer(), nullable=False, server_default='0'))
    op.execute("UPDATE workspace SET name = 'e-Mrejesho' WHERE name = 'Demo: e-Mrejesho'")
    op.execute(
        "UPDATE workspace SET name = substr(name, 10) WHERE name LIKE 'Mafunzo: %'"
    )
    op.execute(
        "UPDATE workspace SET size = (SELECT count(*) FROM feedback "
        "WHERE feedback.workspace_id = workspace.id)"
    )


def downgrade():
    with op.batch_alter_table('workspace', schema=None) as batch_op:
        batch_op.drop_column('size')
