"""Let the retention job, and only it, delete audit entries past their period.

On PostgreSQL the append-only trigger (audit 0002) refused every DELETE. It now lets one
through when the transaction has set `sporskifte.audit_retention` (ops.retention does) and
the row is older than six months, the AI Act's minimum (art. 26(6)); UPDATE stays refused.
"""

from django.db import migrations

GATED = """CREATE OR REPLACE FUNCTION audit_logentry_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE'
     AND current_setting('sporskifte.audit_retention', true) = 'on'
     AND OLD.timestamp < now() - interval '6 months' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit log is append-only';
END; $$ LANGUAGE plpgsql;"""
ORIGINAL = """CREATE OR REPLACE FUNCTION audit_logentry_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$ LANGUAGE plpgsql;"""


def gate(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GATED)


def ungate(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ORIGINAL)


class Migration(migrations.Migration):
    dependencies = [("ops", "0001_initial"), ("audit", "0002_append_only_triggers")]
    operations = [migrations.RunPython(gate, ungate)]
