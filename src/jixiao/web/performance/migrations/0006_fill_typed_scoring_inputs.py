"""Fill the typed scoring inputs of the indicators saved before the columns existed.

The inputs depend on the target and the result only (not on the weight or the document's
rates), so they are derived here from each row's own fields by the adapter's one derivation;
the points (``recomputed``) stay as stored.
"""

from django.db import migrations

BATCH = 2000
FIELDS = [
    "rule_kind", "comparison", "target_value", "target_upper", "actual_value", "level", "met",
    "applicable",
]  # fmt: skip


def fill(apps, schema_editor):
    from jixiao.web.adapter import indicator_of, typed_inputs

    Indicator = apps.get_model("performance", "Indicator")
    rows = Indicator.objects.filter(rule_kind="").order_by("pk")
    last = 0
    while True:
        batch = list(rows.filter(pk__gt=last)[:BATCH])
        if not batch:
            return
        for row in batch:
            for name, value in typed_inputs(indicator_of(row)).items():
                setattr(row, name, value)
        Indicator.objects.bulk_update(batch, FIELDS)
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [("performance", "0005_indicator_typed_scoring_inputs")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]
