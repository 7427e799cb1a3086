# The scoring inputs and points now live on ``Scoring`` (0007, filled by 0008).

from django.db import migrations

MOVED = [
    "actual_value", "applicable", "comparison", "level", "met", "recomputed", "rule_kind",
    "target_upper", "target_value",
]  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("performance", "0008_fill_scoring")]

    operations = [
        migrations.RemoveIndex(model_name="indicator", name="indicator_scoring_idx"),
        *(migrations.RemoveField(model_name="indicator", name=name) for name in MOVED),
    ]
