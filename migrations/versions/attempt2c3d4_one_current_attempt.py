"""uq_attempt_current: one current attempt per trainee and scenario

Revision ID: attempt2c3d4
Revises: lookup2b3c4
Create Date: 2026-11-30 17:55:00

Earlier duplicates (two starts that raced) are settled first: the newest stays current.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'attempt2c3d4'
down_revision = 'lookup2b3c4'
branch_labels = None
depends_on = None


def upgrade():
    attempt = sa.table(
        'scenario_attempt',
        sa.column('id', sa.Integer), sa.column('workspace_id', sa.Integer),
        sa.column('user_id', sa.Integer), sa.column('scenario_id', sa.String),
        sa.column('is_current', sa.Boolean),
    )
    newer = sa.alias(attempt, 'newer')
    has_newer = (
        sa.select(newer.c.id)
        .where(
            newer.c.workspace_id == attempt.c.workspace_id,
            newer.c.user_id == attempt.c.user_id,
            newer.c.scenario_id == attempt.c.scenario_id,
            newer.c.is_current.is_(True),
            newer.c.id > attempt.c.id,
        )
        .exists()
    )
    op.execute(attempt.update().where(attempt.c.is_current.is_(True), has_newer).values(is_current=False))
    with op.batch_alter_table('scenario_attempt', schema=None) as batch_op:
        batch_op.create_index(
            'uq_attempt_current', ['workspace_id', 'user_id', 'scenario_id'], unique=True,
            sqlite_where=sa.text('is_current'), postgresql_where=sa.text('is_current'),
        )


def downgrade():
    with op.batch_alter_table('scenario_attempt', schema=None) as batch_op:
        batch_op.drop_index('uq_attempt_current')
