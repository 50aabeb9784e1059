"""room_setting and room_acknowledgement: the live room's stuck thresholds and acknowledgements

Revision ID: fc_room1a2b
Revises: fc_cohorts1a2b
Create Date: 2026-11-30 17:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'fc_room1a2b'
down_revision = 'fc_cohorts1a2b'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'room_setting',
        sa.Column('cohort_id', sa.Integer(), nullable=False),
        sa.Column('stuck_minutes', sa.Integer(), nullable=False),
        sa.Column('failed_checks', sa.Integer(), nullable=False),
        sa.Column('changed_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint('stuck_minutes BETWEEN 1 AND 480', name=op.f('ck_room_setting_stuck_minutes')),
        sa.CheckConstraint('failed_checks BETWEEN 1 AND 50', name=op.f('ck_room_setting_failed_checks')),
        sa.ForeignKeyConstraint(['cohort_id'], ['cohort.id'], name=op.f('fk_room_setting_cohort_id_cohort')),
        sa.PrimaryKeyConstraint('cohort_id', name=op.f('pk_room_setting')),
    )
    op.create_table(
        'room_acknowledgement',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('cohort_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=8), nullable=False),
        sa.Column('episode', sa.String(length=40), nullable=False),
        sa.Column('acknowledged_by', sa.Integer(), nullable=False),
        sa.Column('acknowledged_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('help', 'stuck')", name=op.f('ck_room_acknowledgement_kind')),
        sa.ForeignKeyConstraint(['acknowledged_by'], ['user.id'], name=op.f('fk_room_acknowledgement_acknowledged_by_user')),
        sa.ForeignKeyConstraint(['cohort_id'], ['cohort.id'], name=op.f('fk_room_acknowledgement_cohort_id_cohort')),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_room_acknowledgement_user_id_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_room_acknowledgement')),
        sa.UniqueConstraint('user_id', 'kind', 'episode', name='uq_room_ack_episode'),
    )
    with op.batch_alter_table('room_acknowledgement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_room_acknowledgement_cohort_id'), ['cohort_id'], unique=False)


def downgrade():
    with op.batch_alter_table('room_acknowledgement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_room_acknowledgement_cohort_id'))
    op.drop_table('room_acknowledgement')
    op.drop_table('room_setting')
