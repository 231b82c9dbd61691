"""The public page's copy in each app process: PostgreSQL tells the processes what changed

Triggers send a notice on the channel `scheme_public_page` (LISTEN/NOTIFY) whenever a write
changes what the page behind a sticker reads: a certificate, the premises' name, address or
suspension, a printed sticker, or the settings (the reporting routes' version). Each app
process keeps a copy of those rows (scheme/domain/certificates/public_page_copy.py) and reads
the premises named in a notice again. A notice is sent when the writing transaction commits,
so no process sees it before the change is there to be read. SQLite has no such notices and
no copy: nothing is created there.

Revision ID: e5b1c7d3a9f2
Revises: d2f8a6c4e917
Create Date: 2026-12-01 23:30:00

"""
from alembic import op


revision = 'e5b1c7d3a9f2'
down_revision = 'd2f8a6c4e917'
branch_labels = None
depends_on = None

CHANNEL = 'scheme_public_page'
# The premises columns the public page shows, or decides by.
PREMISES_COLUMNS = ('name, trading_name, premises_type, address_line_1, address_line_2, town, postcode, '
                    'home_based, show_home_address, suspended_from')
CERTIFICATE_COLUMNS = 'number, status, issued_on, expires_on, status_changed_at, premises_id, public_code'


def upgrade():
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute(f"""
        CREATE FUNCTION scheme_public_page_certificate_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                PERFORM pg_notify('{CHANNEL}', 'gone:' || OLD.public_code);
                PERFORM pg_notify('{CHANNEL}', 'premises:' || OLD.premises_id);
            END IF;
            IF TG_OP <> 'DELETE' THEN
                PERFORM pg_notify('{CHANNEL}', 'premises:' || NEW.premises_id);
            END IF;
            RETURN NULL;
        END $$""")
    op.execute(f"""
        CREATE FUNCTION scheme_public_page_premises_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('{CHANNEL}', 'premises:' || NEW.id);
            RETURN NULL;
        END $$""")
    op.execute(f"""
        CREATE FUNCTION scheme_public_page_sticker_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            changed_premises integer;
        BEGIN
            SELECT premises_id INTO changed_premises FROM certificate
             WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.certificate_id ELSE NEW.certificate_id END;
            -- None when the certificate itself is being deleted: its own notice says so.
            IF changed_premises IS NOT NULL THEN
                PERFORM pg_notify('{CHANNEL}', 'premises:' || changed_premises);
            END IF;
            RETURN NULL;
        END $$""")
    op.execute(f"""
        CREATE FUNCTION scheme_public_page_settings_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('{CHANNEL}', 'settings');
            RETURN NULL;
        END $$""")
    op.execute("CREATE TRIGGER public_page_certificate_added_or_removed AFTER INSERT OR DELETE ON certificate "
               "FOR EACH ROW EXECUTE FUNCTION scheme_public_page_certificate_changed()")
    op.execute(f"CREATE TRIGGER public_page_certificate_changed AFTER UPDATE OF {CERTIFICATE_COLUMNS} ON certificate "
               "FOR EACH ROW EXECUTE FUNCTION scheme_public_page_certificate_changed()")
    op.execute(f"CREATE TRIGGER public_page_premises_changed AFTER UPDATE OF {PREMISES_COLUMNS} ON premises "
               "FOR EACH ROW EXECUTE FUNCTION scheme_public_page_premises_changed()")
    op.execute("CREATE TRIGGER public_page_sticker_changed AFTER INSERT OR UPDATE OR DELETE ON sticker "
               "FOR EACH ROW EXECUTE FUNCTION scheme_public_page_sticker_changed()")
    op.execute("CREATE TRIGGER public_page_settings_changed AFTER INSERT OR UPDATE OR DELETE ON setting "
               "FOR EACH STATEMENT EXECUTE FUNCTION scheme_public_page_settings_changed()")


def downgrade():
    if op.get_bind().dialect.name != 'postgresql':
        return
    for trigger, table in (('public_page_certificate_added_or_removed', 'certificate'),
                           ('public_page_certificate_changed', 'certificate'),
                           ('public_page_premises_changed', 'premises'),
                           ('public_page_sticker_changed', 'sticker'),
                           ('public_page_settings_changed', 'setting')):
        op.execute(f'DROP TRIGGER {trigger} ON {table}')
    for function in ('certificate', 'premises', 'sticker', 'settings'):
        op.execute(f'DROP FUNCTION scheme_public_page_{function}_changed()')
