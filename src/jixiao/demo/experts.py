"""The demo's 专家库 and 中介机构库: a few Hunan experts (three can log in) and two agencies.

Clearly labelled 【模拟】: the names are made up. Two experts work inside the tree (张家界市局
and 慈利县局), so a draw for 慈利县 shows 回避 at work; three have logins so that a visitor can
fill a sheet (password ``jixiao-demo``, like every demo account).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db import transaction

from jixiao.web.experts.models import Agency, Expert
from jixiao.web.orgs.models import Organization
from jixiao.web.security.production import DEMO_PASSWORD

PROVINCE = "湖南省市场监督管理局"
#: (name, specialties, employer bureau in the tree or "", outside employer, title, login)
EXPERTS = (
    ("王明（模拟）", ["财务", "绩效评价"], "", "湖南某大学商学院", "教授", "hn_expert_wang"),
    ("李华（模拟）", ["财务"], "", "某会计师事务所", "注册会计师", "hn_expert_li"),
    (
        "赵强（模拟）",
        ["财务", "食品安全"],
        "张家界市市场监督管理局",
        "",
        "高级工程师",
        "hn_expert_zhao",
    ),
    ("陈静（模拟）", ["财务"], "慈利县市场监督管理局", "", "会计师", ""),
    ("刘洋（模拟）", ["法律", "财务"], "", "某律师事务所", "律师", ""),
)
#: The logins the demo creates for experts (listed in security.production.DEMO_USERNAMES).
EXPERT_USERNAMES = frozenset(e[5] for e in EXPERTS if e[5])
AGENCIES = (
    ("湘江会计师事务所（模拟）", "accounting", "财政支出绩效评价、专项资金审计"),
    ("潇湘绩效评价咨询有限公司（模拟）", "consulting", "部门整体支出绩效评价、事前绩效评估"),
)


@transaction.atomic
def load_experts_demo(log: Callable[[str], object] = print) -> None:
    """Fill Hunan's expert pool and agency register (skipped when already there)."""
    province = Organization.objects.filter(name=PROVINCE, parent=None).first()
    if province is None or province.experts.exists():
        return
    for name, specialties, bureau, outside, title, login in EXPERTS:
        employer = Organization.objects.filter(name=bureau).first() if bureau else None
        Expert.objects.create(
            organization=province,
            name=name,
            specialties=specialties,
            employer=employer,
            employer_name=bureau or outside,
            title=title,
            user=_login(login, name) if login else None,
        )
    for name, nature, scope in AGENCIES:
        Agency.objects.create(
            organization=province, name=name, nature=nature, business_scope=scope
        )
    log(f"专家库：{province.name} {len(EXPERTS)} 位专家、{len(AGENCIES)} 家中介机构（模拟）")


def _login(username: str, name: str) -> object:
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=username, defaults={"first_name": name}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user
