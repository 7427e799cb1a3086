"""Copy each indicator's typed scoring inputs and points into its narrow ``Scoring`` row.

The values were derived by the adapter (0006 and every write since) and are copied as they
are, in one ``INSERT … SELECT``; the level-1 name is the path's first element and a result
counts as entered when the structured result is there (with its ``raw`` words), as the
totals read it before.
"""

from django.db import migrations

COPIED = (
    "weight, score, applicable, rule_kind, comparison, target_value, target_upper, "
    "actual_value, level, met"
)


def fill(apps, schema_editor):
    conn = schema_editor.connection
    if conn.vendor == "postgresql":
        level1, reported = "i.path ->> 0", "(i.actual -> 'raw') IS NOT NULL"
        ref = "COALESCE(NULLIF(i.code, ''), CAST(i.position AS TEXT))"
    else:
        level1 = "CASE WHEN json_type(i.path, '$[0]') = 'null' THEN NULL ELSE json_extract(i.path, '$[0]') END"
        reported = "json_type(i.actual, '$.raw') IS NOT NULL"
        ref = "COALESCE(NULLIF(i.code, ''), CAST(i.position AS TEXT))"
    copied = ", ".join(f"i.{c.strip()}" for c in COPIED.split(","))
    with conn.cursor() as cur:
        cur.execute(
            "INSERT INTO performance_scoring (indicator_id, system_id, position, ref, level1, "  # noqa: S608
            f"reported, points, {COPIED}) "
            f"SELECT i.id, i.system_id, i.position, {ref}, {level1}, {reported}, i.recomputed, "
            f"{copied} FROM performance_indicator i "
            "WHERE NOT EXISTS (SELECT 1 FROM performance_scoring s WHERE s.indicator_id = i.id)"
        )


class Migration(migrations.Migration):
    dependencies = [("performance", "0007_scoring")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]
