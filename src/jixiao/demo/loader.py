"""Demo data: the seeds imported through the real import path, plus demo users per role.

Organisations come from the documents themselves (the title's bureau, the allocation
table's cities and counties); only the province of a city bureau, which no seed states,
is looked up in :data:`PROVINCE_OF_CITY`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from jixiao.core.documents import Allocation, Document
from jixiao.demo.disclosure import load_register
from jixiao.demo.experts import load_experts_demo
from jixiao.demo.library import load_library_demo
from jixiao.demo.monitoring import load_midyear_demo, load_yearend_demo
from jixiao.demo.outcomes import load_outcomes_demo
from jixiao.demo.rules import load_demo_rules
from jixiao.demo.workbench import load_workbench_demo
from jixiao.ingest import extract_file
from jixiao.web.imports.save import save_document
from jixiao.web.orgs.models import Level, Membership, Organization, Role
from jixiao.web.security.production import DEMO_PASSWORD, DEMO_USERNAMES

__all__ = ["DEMO_PASSWORD", "DEMO_USERNAMES", "DEMO_USERS", "create_demo_users", "load_demo"]

PROVINCE_OF_CITY = {"韶关市": "广东省"}
BUREAU = "市场监督管理局"


@dataclass(frozen=True)
class DemoUser:
    """A demo account: who they are and where they sit."""

    username: str
    full_name: str
    org_name: str
    role: str


DEMO_USERS = (
    DemoUser("hn_officer", "湖南省局绩效管理员", "湖南省市场监督管理局", Role.OFFICER),
    DemoUser("zjj_officer", "张家界市局绩效管理员", "张家界市市场监督管理局", Role.OFFICER),
    DemoUser("zjj_reviewer", "张家界市局审核员", "张家界市市场监督管理局", Role.REVIEWER),
    DemoUser("cili_clerk", "慈利县局填报员", "慈利县市场监督管理局", Role.CLERK),
    DemoUser("sangzhi_clerk", "桑植县局填报员", "桑植县市场监督管理局", Role.CLERK),
    DemoUser("hn_evaluator", "第三方评价人员", "湖南省市场监督管理局", Role.EVALUATOR),
    DemoUser("fj_officer", "福建省局绩效管理员", "福建省市场监督管理局", Role.OFFICER),
    DemoUser("sg_officer", "韶关市局绩效管理员", "韶关市市场监督管理局", Role.OFFICER),
    DemoUser("zj_readonly", "浙江省局只读用户", "浙江省市场监督管理局", Role.READONLY),
)


def seed_files() -> list[Path]:
    """The seed documents shipped with the package, in name order."""
    folder = Path(str(files("jixiao") / "demo_data" / "seeds"))
    return sorted(folder.glob("*.txt"))


def demo_loaded() -> bool:
    """True when the demo organisations are already there."""
    return Organization.objects.filter(name="湖南省市场监督管理局").exists()


@transaction.atomic
def load_demo(log: callable = print) -> None:  # type: ignore[valid-type]
    """Import every seed into its organisation and create the demo users."""
    for path in seed_files():
        doc = extract_file(path)
        org = organization_for(doc)
        if doc.allocations:
            organizations_from_allocations(org, doc.allocations)
        system = save_document(doc, org, replace=True)
        if doc.kind == "disclosure_report":
            log(f"依申请公开登记：{org.name} {doc.year}年 {load_register(doc, org)} 件申请")
        log(
            f"导入 {path.name}: {org.name} {system.year} {system.get_kind_display()}，"
            f"{system.indicators.count()} 个指标，{system.projects.count()} 个项目"
        )
    create_demo_users()
    load_midyear_demo(log)  # simulated 2023-06-30 round
    load_yearend_demo(log)  # simulated 全年 results, 自评
    load_outcomes_demo()  # pool, 整改台账, 项目库
    load_demo_rules(log)  # 韶关市's own checks
    load_library_demo(log)  # seeds and counties offered theirs
    load_experts_demo(log)  # Hunan's expert pool and agencies
    load_workbench_demo(log)  # something on every desk


def organization_for(doc: Document) -> Organization:
    """Find or create the bureau a document is about, under its province when it has one."""
    name = (doc.organization.name or "").strip() or "未命名单位"
    province = _province_name(name)
    if province and not name.startswith(province):
        parent = _org(f"{province}{BUREAU}", Level.PROVINCE, None)
        return _org(name, Level.CITY, parent, doc.organization.code or "")
    return _org(
        name,
        Level.PROVINCE if name.endswith(BUREAU) and "省" in name else Level.UNIT,
        None,
        doc.organization.code or "",
    )


def _province_name(name: str) -> str | None:
    match = re.match(r"^(.+?省)", name)
    if match:
        return match.group(1)
    city = re.match(r"^(.+?[市州])", name)
    return PROVINCE_OF_CITY.get(city.group(1)) if city else None


def _org(name: str, level: str, parent: Organization | None, code: str = "") -> Organization:
    org, created = Organization.objects.get_or_create(
        name=name, parent=parent, defaults={"level": level, "code": code}
    )
    if not created and code and not org.code:
        org.code = code
        org.save()
    return org


def organizations_from_allocations(province: Organization, rows: list[Allocation]) -> None:
    """Create the cities, counties and directly-managed units an allocation table names."""
    for row in rows:
        if row.is_subtotal or not row.unit or row.unit.startswith("合计"):
            continue
        unit = row.unit.strip()
        if row.parent:
            city = _org(_bureau(row.parent), Level.CITY, province)
            if unit.endswith("本级"):
                continue
            _org(_bureau(unit), Level.COUNTY, city)
        elif row.code and "本级" not in unit:
            _org(unit, Level.UNIT, province, row.code)
        elif row.code and not province.code:
            province.code = row.code
            province.save()


def _bureau(place: str) -> str:
    place = place.strip().removesuffix("本级")
    return place if place.endswith(BUREAU) else f"{place}{BUREAU}"


def create_demo_users() -> None:
    """Create the admin and one account per role (password DEMO_PASSWORD)."""
    user_model = get_user_model()
    if not user_model.objects.filter(username="admin").exists():
        user_model.objects.create_superuser("admin", "", DEMO_PASSWORD, first_name="系统管理员")
    for demo in DEMO_USERS:
        org = Organization.objects.filter(name=demo.org_name).first()
        if org is None:
            continue
        user, created = user_model.objects.get_or_create(
            username=demo.username, defaults={"first_name": demo.full_name}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        Membership.objects.get_or_create(user=user, organization=org, role=demo.role)
