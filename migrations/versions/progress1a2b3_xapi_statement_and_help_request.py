"""xapi_statement and help_request: progress as a record that lasts; attempt registration

Revision ID: progress1a2b3
Revises: cohort1a2b3c
Create Date: 2026-11-30 14:50:00

"""
import uuid

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'progress1a2b3'
down_revision = 'cohort1a2b3c'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('scenario_attempt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('registration', sa.String(length=36), nullable=True))
    attempts = sa.table('scenario_attempt', sa.column('id', sa.Integer), sa.column('registration', sa.String))
    connection = op.get_bind()
    for (attempt_id,) in connection.execute(sa.select(attempts.c.id)).all():
        connection.execute(
            attempts.update().where(attempts.c.id == attempt_id).values(registration=str(uuid.uuid4()))
        )
    with op.batch_alter_table('scenario_attempt', schema=None) as batch_op:
        batch_op.alter_column('registration', existing_type=sa.String(length=36), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_scenario_attempt_registration'), ['registration'])

    op.create_table('xapi_statement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('statement_id', sa.String(length=36), nullable=False),
    sa.Column('verb', sa.String(length=200), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('attempt_id', sa.Integer(), nullable=True),
    sa.Column('registration', sa.String(length=36), nullable=True),
    sa.Column('body', sa.JSON(), nullable=False),
    sa.Column('stored', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['attempt_id'], ['scenario_attempt.id'], name=op.f('fk_xapi_statement_attempt_id_scenario_attempt'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_xapi_statement_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_xapi_statement')),
    sa.UniqueConstraint('statement_id', name=op.f('uq_xapi_statement_statement_id'))
    )
    with op.batch_alter_table('xapi_statement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_xapi_statement_attempt_id'), ['attempt_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_xapi_statement_registration'), ['registration'], unique=False)
        batch_op.create_index('ix_xapi_statement_user_order', ['user_id', 'id'], unique=False)

    op.create_table('help_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('attempt_id', sa.Integer(), nullable=True),
    sa.Column('scenario_id', sa.String(length=60), nullable=True),
    sa.Column('statement_id', sa.String(length=36), nullable=False),
    sa.Column('asked_at', sa.DateTime(), nullable=False),
    sa.Column('withdrawn_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['attempt_id'], ['scenario_attempt.id'], name=op.f('fk_help_request_attempt_id_scenario_attempt'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_help_request_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_help_request'))
    )
    with op.batch_alter_table('help_request', schema=None) as batch_op:
        batch_op.create_index('uq_help_request_open', ['user_id'], unique=True, sqlite_where=sa.text('withdrawn_at IS NULL'), postgresql_where=sa.text('withdrawn_at IS NULL'))


def downgrade():
    with op.batch_alter_table('help_request', schema=None) as batch_op:
        batch_op.drop_index('uq_help_request_open', sqlite_where=sa.text('withdrawn_at IS NULL'), postgresql_where=sa.text('withdrawn_at IS NULL'))

    op.drop_table('help_request')
    with op.batch_alter_table('xapi_statement', schema=None) as batch_op:
        batch_op.drop_index('ix_xapi_statement_user_order')
        batch_op.drop_index(batch_op.f('ix_xapi_statement_registration'))
        batch_op.drop_index(batch_op.f('ix_xapi_statement_attempt_id'))

    op.drop_table('xapi_statement')
    with op.batch_alter_table('scenario_attempt', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_scenario_attempt_registration'), type_='unique')
        batch_op.drop_column('registration')
