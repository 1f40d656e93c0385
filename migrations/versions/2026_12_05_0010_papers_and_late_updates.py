"""urging letters as issued, late progress updates, the weights of the emulation evaluation

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 17:15:06

An urging letter keeps its number, date and signer and the items it listed with their
deadlines and days overdue on its date, so it can be printed again as it was sent. A progress
update keeps the reporting deadline of its month and whether it came after it (updates made
before this revision are taken as on time: nothing recorded their deadline). The office sets
the points of the year-end evaluation; without a row, the documented defaults apply.
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('evaluation_weights',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('on_time', sa.Numeric(precision=6, scale=2), nullable=False),
    sa.Column('late', sa.Numeric(precision=6, scale=2), nullable=False),
    sa.Column('overdue', sa.Numeric(precision=6, scale=2), nullable=False),
    sa.Column('extension', sa.Numeric(precision=6, scale=2), nullable=False),
    sa.Column('late_update', sa.Numeric(precision=6, scale=2), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_evaluation_weights_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation_weights'))
    )
    op.create_table('urging_letters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=60), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('authority', sa.String(length=120), nullable=True),
    sa.Column('signer_title', sa.String(length=120), nullable=False),
    sa.Column('signer_name', sa.String(length=120), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agencies.id'], name=op.f('fk_urging_letters_agency_id_agencies')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_urging_letters_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_urging_letters'))
    )
    with op.batch_alter_table('urging_letters', schema=None) as batch_op:
        batch_op.create_index('ix_urging_letters_agency_issued', ['agency_id', 'issued_on'], unique=False)

    op.create_table('urging_letter_items',
    sa.Column('letter_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('original_deadline', sa.Date(), nullable=True),
    sa.Column('days_overdue', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['work_items.id'], name=op.f('fk_urging_letter_items_item_id_work_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['letter_id'], ['urging_letters.id'], name=op.f('fk_urging_letter_items_letter_id_urging_letters'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('letter_id', 'item_id', name=op.f('pk_urging_letter_items'))
    )
    with op.batch_alter_table('urging_letter_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_urging_letter_items_item_id'), ['item_id'], unique=False)

    with op.batch_alter_table('progress_reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('due_on', sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column('late', sa.Boolean(), nullable=False, server_default=sa.false())
        )



def downgrade():
    with op.batch_alter_table('progress_reports', schema=None) as batch_op:
        batch_op.drop_column('late')
        batch_op.drop_column('due_on')

    with op.batch_alter_table('urging_letter_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_urging_letter_items_item_id'))

    op.drop_table('urging_letter_items')
    with op.batch_alter_table('urging_letters', schema=None) as batch_op:
        batch_op.drop_index('ix_urging_letters_agency_issued')

    op.drop_table('urging_letters')
    op.drop_table('evaluation_weights')
