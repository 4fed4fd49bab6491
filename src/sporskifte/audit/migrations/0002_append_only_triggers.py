"""Make the audit table append-only in the database itself, not only in Python.

PostgreSQL refuses any UPDATE or DELETE of a row. TRUNCATE stays possible for the database
owner (Django's test flush uses it); production grants the application role no TRUNCATE.
SQLite, the embedded demo database, refuses UPDATE; its DELETE is refused in Python only,
because the test flush deletes rows.
"""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER audit_logentry_no_update BEFORE UPDATE ON audit_logentry
       BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;""",
]
POSTGRES = [
    """CREATE OR REPLACE FUNCTION audit_logentry_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER audit_logentry_no_change BEFORE UPDATE OR DELETE ON audit_logentry
       FOR EACH ROW EXECUTE FUNCTION audit_logentry_append_only();""",
]


def install(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
