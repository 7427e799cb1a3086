"""Create the default reporting periods for every year that already has a system.

From now on a system's import creates its year's periods, so that reading them (``GET
/api/periods``, the results grid) never writes; the years imported before need them once.
"""

from __future__ import annotations

from django.db import migrations

DEFAULT_PERIODS = (("1-6月", 1, False), ("全年", 2, True))


def create_periods(apps: object, schema_editor: object) -> None:
    system = apps.get_model("performance", "IndicatorSystem")
    period = apps.get_model("cycle", "ReportingPeriod")
    for year in system.objects.values_list("year", flat=True).distinct():
        for name, position, final in DEFAULT_PERIODS:
            period.objects.get_or_create(
                year=year, name=name, defaults={"position": position, "is_final": final}
            )


class Migration(migrations.Migration):
    dependencies = [("cycle", "0002_reportdraft"), ("performance", "0002_indicator_recomputed")]
    operations = [migrations.RunPython(create_periods, migrations.RunPython.noop)]
