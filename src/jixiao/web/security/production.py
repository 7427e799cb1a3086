"""Production safety: no account may keep the published demo password.

``jixiao serve --prod`` refuses to start while one does (:func:`demo_password_accounts`), and
in production a login with the demo password is refused whoever types it
(:func:`is_demo_password`), so an account outside the checked set cannot slip through.
The check reads the password hashes, not a "demo loaded" flag: a demo account whose password
was changed is fine, a real account given the demo password is not.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.db import transaction
from django.db.models import Q

# The demo's published credentials (README). They are kept here, in the product, because the
# product must recognise them without importing the demo package (jixiao.demo), which takes
# both from here; tests/demo/test_package.py checks every demo account is listed.
DEMO_PASSWORD = "jixiao-demo"  # noqa: S105 - published demo accounts, listed in the README
DEMO_USERNAMES = frozenset(
    {
        "admin",
        "hn_officer",
        "zjj_officer",
        "zjj_reviewer",
        "cili_clerk",
        "sangzhi_clerk",
        "hn_evaluator",
        "fj_officer",
        "sg_officer",
        "zj_readonly",
        "hn_expert_wang",
        "hn_expert_li",
        "hn_expert_zhao",
    }
)


def is_demo_password(password: str) -> bool:
    """True for the password the README publishes for the demo accounts."""
    return password == DEMO_PASSWORD


def demo_password_accounts() -> list[str]:
    """Active demo and administrator accounts whose password is the demo password.

    Checking a hash takes about a second by design, so only the accounts that matter most are
    checked at start-up: the demo usernames and every staff or superuser account. The hashes
    are checked in threads (the hashing releases the GIL).
    """
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(username__in=DEMO_USERNAMES) | Q(is_staff=True) | Q(is_superuser=True))
    )
    candidates = [(u.username, u.password) for u in users if u.has_usable_password()]
    with ThreadPoolExecutor(max_workers=4) as pool:
        found = pool.map(lambda c: check_password(DEMO_PASSWORD, c[1]), candidates)
        return sorted(name for (name, _), demo in zip(candidates, found, strict=True) if demo)


@transaction.atomic
def disable_demo_accounts() -> list[str]:
    """Deactivate every account :func:`demo_password_accounts` finds; their usernames.

    The accounts are kept (their names stay in the audit trail), without a usable password.
    """
    names = demo_password_accounts()
    for user in get_user_model().objects.filter(username__in=names):
        user.set_unusable_password()
        user.is_active = False
        user.save(update_fields=["password", "is_active"])
    return names


REFUSAL = (
    "拒绝以生产模式启动：以下账号仍在使用公开的演示密码 jixiao-demo "
    "(refusing to start in production: these accounts still use the published demo password): "
    "{names}\n"
    "处理方法 (how to fix)：运行 `jixiao demo --remove` 停用这些账号 (disable them)，"
    "或在非生产模式下修改它们的密码 (or change their passwords)；"
    "然后用 `jixiao createadmin 用户名` 创建正式的系统管理员 (then create a real administrator)。"
)


def create_admin(username: str, password: str, full_name: str = "", reset: bool = False) -> bool:
    """Create a superuser; True when created, False when ``reset`` renewed an existing one.

    With ``reset`` an existing account gets the new password and full rights. The password
    passes the same rules as in the admin. ValueError says what is wrong, in Chinese.
    """
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    model = get_user_model()
    user = model.objects.filter(username=username).first()
    if user is not None and not reset:
        raise ValueError(
            f"用户 {username} 已存在；如需为其重设密码并设为系统管理员，请加 --reset-password。"
        )
    try:
        model.username_validator(username)
    except ValidationError as exc:
        raise ValueError(f"用户名 {username!r} 无效：只能包含字母、数字和 @ . + - _。") from exc
    if is_demo_password(password):
        raise ValueError("不能使用公开的演示密码。")
    candidate = user or model(username=username)
    try:
        validate_password(password, candidate)
    except ValidationError as exc:
        raise ValueError("密码不符合要求：" + "；".join(exc.messages)) from exc
    created = user is None
    candidate.first_name = full_name or candidate.first_name or "系统管理员"
    candidate.is_staff = candidate.is_superuser = candidate.is_active = True
    candidate.set_password(password)
    candidate.save()
    return created
