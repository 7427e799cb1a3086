"""The audit trail is append-only: the models and the database both refuse to rewrite it.

A replace import archives the old system: its change log and workflow history stay.
"""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from jixiao.web.cycle import append_only
from jixiao.web.cycle.audit import update_fields
from jixiao.web.cycle.models import AuditImmutable, Change, Transition
from jixiao.web.cycle.workflow import transition
from jixiao.web.imports.save import save_document
from jixiao.web.performance.models import IndicatorSystem, Status
from tests.web.conftest import World, county_document


@pytest.fixture
def logged(county_system: IndicatorSystem, world: World) -> Change:
    indicator = county_system.indicators.first()
    update_fields(indicator, {"name": "抽查户次（改）"}, world.users["clerk"], "更正")
    return Change.objects.get(indicator=indicator, field="指标名称")


def test_models_refuse_edit_and_delete(logged: Change) -> None:
    logged.new = "篡改"
    with pytest.raises(AuditImmutable):
        logged.save()
    with pytest.raises(AuditImmutable):
        logged.delete()
    with pytest.raises(AuditImmutable):
        Change.objects.filter(pk=logged.pk).update(new="篡改")
    with pytest.raises(AuditImmutable):
        Change.objects.filter(pk=logged.pk).delete()
    assert Change.objects.get(pk=logged.pk).new == "抽查户次（改）"


@pytest.mark.parametrize("table", append_only.TABLES)
def test_database_refuses_raw_update_and_delete(logged: Change, table: str, world: World) -> None:
    transition(logged.system, "submit", world.users["clerk"])  # a workflow row to protect
    assert len(append_only.installed(connection)) >= len(append_only.TABLES)
    for sql in (f"UPDATE {table} SET id = id", f"DELETE FROM {table}"):
        with (
            pytest.raises(DatabaseError, match="只能追加"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)
    assert Change.objects.filter(pk=logged.pk).exists()


def test_change_keeps_who_and_what(logged: Change, world: World) -> None:
    assert logged.user_name == "clerk"
    assert logged.object_type == "performance.indicator"
    assert logged.object_id == str(logged.indicator_id)
    assert (logged.old, logged.new) == ("监督抽查食品经营企业户次", "抽查户次（改）")


def test_replace_archives_the_old_system_with_its_history(
    county_system: IndicatorSystem, logged: Change, world: World
) -> None:
    clerk = world.users["clerk"]
    transition(county_system, "submit", clerk)
    transition(county_system, "return", world.users["reviewer"], comment="请补充")
    new = save_document(county_document(), world.county, user=clerk, replace=True)
    old = IndicatorSystem.all_objects.get(pk=county_system.pk)
    assert old.status == Status.ARCHIVED
    assert list(IndicatorSystem.objects.filter(organization=world.county)) == [new]
    assert old.indicators.count() == 2
    assert Transition.objects.filter(system_id=old.pk).count() == 2
    assert Change.objects.filter(pk=logged.pk).exists()
    archived = Change.objects.get(system_id=old.pk, field="状态", new="已归档")
    assert (archived.old, archived.new, archived.user_name) == ("已退回", "已归档", "clerk")
