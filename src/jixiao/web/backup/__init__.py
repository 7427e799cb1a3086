"""``jixiao backup`` / ``jixiao restore``: the database and the uploaded files in one archive.

One ``.tar.gz`` holds ``manifest.json`` (what, when, how, every table's row count and content
hash, every file's SHA-256), the database snapshot under ``database/`` and the uploaded files
under ``media/``. The snapshot is consistent: SQLite's online backup API copies the database
as of one moment while the server keeps running; on PostgreSQL one REPEATABLE READ
transaction is opened and ``pg_dump`` joins its exported snapshot (or, without a usable
``pg_dump``, the tables are copied with ``COPY`` inside that transaction). The table hashes
are taken from the same snapshot, so a restore can prove it reproduced every table.
"""
