"""The full-text index over bundle pages: FTS5 on SQLite, a tsvector column with a GIN index on PostgreSQL.

Neither fits a Django field, so each is made here for its own database only; the
selector `hub.bundles.selectors.bundle_search` hides the difference.
"""

from django.db import migrations

SQLITE_CREATE = [
    # External content: the text is stored once, in bundles_bundlepage; the services
    # add and remove index rows whenever they write a page.
    "CREATE VIRTUAL TABLE bundles_page_fts USING fts5("
    "text, referral_id UNINDEXED, content='bundles_bundlepage', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
]
SQLITE_DROP = ["DROP TABLE IF EXISTS bundles_page_fts"]
POSTGRES_CREATE = [
    "ALTER TABLE bundles_bundlepage ADD COLUMN search tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english'::regconfig, text)) STORED",
    "CREATE INDEX bundles_page_search ON bundles_bundlepage USING GIN (search)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS bundles_page_search",
    "ALTER TABLE bundles_bundlepage DROP COLUMN IF EXISTS search",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("bundles", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        ),
    ]
