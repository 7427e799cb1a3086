# The narrow table of each indicator's scoring inputs and points (issue 17).

import django.db.models.deletion
from django.db import migrations, models

import jixiao.web.performance.models


def points(name: str, label: str, digits: int = 9, editable: bool = True) -> tuple:
    return (
        name,
        jixiao.web.performance.models.KeptDecimalField(
            blank=True,
            decimal_places=4,
            max_digits=digits,
            null=True,
            editable=editable,
            verbose_name=label,
        ),
    )


def room_to_update(apps, schema_editor):
    """PostgreSQL: leave half of each page free, so a rescore rewrites a row in place.

    A changed row is a new row version; with room on its page and no indexed column changed
    it needs no new index entries (a HOT update). A full rescore changes every row's points.
    """
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE performance_scoring SET (fillfactor = 50)")


class Migration(migrations.Migration):
    dependencies = [("performance", "0006_fill_typed_scoring_inputs")]

    operations = [
        migrations.CreateModel(
            name="Scoring",
            fields=[
                (
                    "indicator",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="scoring",
                        serialize=False,
                        to="performance.indicator",
                    ),
                ),
                (
                    "system",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="performance.indicatorsystem",
                    ),
                ),
                ("position", models.PositiveIntegerField(verbose_name="序号")),
                ("ref", models.CharField(max_length=32, verbose_name="指标编号")),
                ("level1", models.TextField(blank=True, null=True, verbose_name="一级指标")),
                points("weight", "分值"),
                points("score", "得分"),
                ("reported", models.BooleanField(default=False, verbose_name="已填实际值")),
                ("applicable", models.BooleanField(default=True, verbose_name="适用")),
                (
                    "rule_kind",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("met", "全部或零分"),
                            ("printed", "按印出得分"),
                            ("bands", "定性分档"),
                            ("ratio", "按比例"),
                            ("reverse", "反向按比例"),
                            ("core", "按评分标准（逐项计算）"),
                        ],
                        max_length=8,
                        verbose_name="计分方式",
                    ),
                ),
                ("comparison", models.CharField(blank=True, max_length=12, verbose_name="比较方式")),
                points("target_value", "目标数值", 16, False),
                points("target_upper", "目标上限", 16, False),
                points("actual_value", "实际数值", 16, False),
                ("level", models.CharField(blank=True, max_length=32, verbose_name="定性等级")),
                ("met", models.BooleanField(blank=True, null=True, verbose_name="是否完成")),
                points("points", "复核得分"),
            ],
            options={"verbose_name": "指标计分", "verbose_name_plural": "指标计分"},
        ),
        migrations.AddIndex(
            model_name="scoring",
            index=models.Index(fields=["system", "rule_kind"], name="performance_system__8326d9_idx"),
        ),
        migrations.RunPython(room_to_update, migrations.RunPython.noop),
    ]
