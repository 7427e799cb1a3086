"""Chinese error bodies for every API failure, as ``docs/api.md`` promises.

django-ninja answers in English (``Unauthorized``, pydantic's ``Input should be a valid
decimal``, ``Method not allowed``) and Django answers an unknown ``/api/`` address or a crash
with an HTML page. Every one of those becomes ``{"detail": "中文说明"}`` here: the ninja ones by
exception handlers, the rest by :class:`ApiErrorMiddleware`. A validation error (422) also
lists each problem under ``errors`` with its location, for programs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

UNAUTHENTICATED = "未认证：请在 Authorization 头中提供有效的令牌（Bearer jx_…），或先登录。"

# ninja's own English messages → ours.
HTTP_MESSAGES = {
    "CSRF check Failed": "CSRF 校验失败：浏览器会话的写操作须带 X-CSRFToken 头。",
    "Unauthorized": UNAUTHENTICATED,
    "Forbidden": "无权执行此操作。",
    "Too many requests.": "请求过于频繁，请稍后再试。",
    "Cannot parse request body": "请求体无法解析：须为有效的 JSON。",
}

# What an error status means when nothing more specific was said.
STATUS_MESSAGES = {
    400: "请求有误，无法处理。",
    401: UNAUTHENTICATED,
    403: "无权执行此操作。",
    404: "接口或数据不存在，或您无权查看。接口一览见 /api/docs。",
    405: "该接口不支持此请求方法。",
    413: "请求内容过大。",
    500: "服务器内部错误，已记录在服务器日志中，请稍后重试或联系系统管理员。",
}

WHERE = {"query": "查询参数", "path": "路径参数", "body": "请求体", "form": "表单", "file": "文件"}


def _rule(error: dict[str, Any]) -> str:
    """What a pydantic error type asks of the value, in Chinese."""
    ctx = error.get("ctx") or {}
    kind = str(error.get("type", ""))
    fixed = {
        "missing": "为必填项",
        "json_invalid": "不是有效的 JSON",
        "bool_parsing": "须为 true 或 false",
        "bool_type": "须为 true 或 false",
        "date_parsing": "须为日期（如 2024-06-30）",
        "date_from_datetime_parsing": "须为日期（如 2024-06-30）",
        "datetime_parsing": "须为时间（如 2024-06-30T09:00:00）",
    }
    if kind in fixed:
        return fixed[kind]
    bounds = {
        "greater_than_equal": ("不得小于 {}", "ge"),
        "greater_than": ("须大于 {}", "gt"),
        "less_than_equal": ("不得大于 {}", "le"),
        "less_than": ("须小于 {}", "lt"),
        "string_too_long": ("长度不得超过 {} 个字符", "max_length"),
        "too_long": ("不得超过 {} 项", "max_length"),
        "decimal_max_digits": ("有效数字不得超过 {} 位", "max_digits"),
        "decimal_max_places": ("小数不得超过 {} 位", "decimal_places"),
        "decimal_whole_digits": ("整数部分不得超过 {} 位", "whole_digits"),
        "literal_error": ("须为以下之一：{}", "expected"),
        "enum": ("须为以下之一：{}", "expected"),
    }
    if kind in bounds:
        words, key = bounds[kind]
        return words.format(ctx.get(key, "")).strip()
    return _type_rule(kind)


def _type_rule(kind: str) -> str:
    if kind.startswith("int"):
        return "须为整数"
    if kind.startswith(("decimal", "float", "finite")):
        return "须为有限的数字"
    if kind.startswith("string"):
        return "须为文字"
    if kind.startswith(("list", "tuple", "set")):
        return "须为列表"
    if kind.startswith(("dict", "model")):
        return "须为 JSON 对象"
    return "格式不对"


def _where(loc: list[Any]) -> str:
    """``["body", "body", "weight"]`` → 请求体 weight; the repeated body name is dropped."""
    if not loc:
        return "请求"
    head, *rest = [str(x) for x in loc]
    if head == "body" and rest[:1] == ["body"]:
        rest = rest[1:]
    return " ".join([WHERE.get(head, head), *rest])


def describe(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each validation problem with its location and a Chinese message."""
    return [
        {
            "loc": list(e.get("loc", [])),
            "type": e.get("type", ""),
            "msg": f"{_where(list(e.get('loc', [])))}：{_rule(e)}",
        }
        for e in errors
    ]


def _validation(api: NinjaAPI) -> Callable[[HttpRequest, ValidationError], HttpResponse]:
    def handler(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = describe(exc.errors)
        detail = "请求参数不正确：" + "；".join(e["msg"] for e in errors) + "。"
        return api.create_response(request, {"detail": detail, "errors": errors}, status=422)

    return handler


def _http(api: NinjaAPI) -> Callable[[HttpRequest, HttpError], HttpResponse]:
    def handler(request: HttpRequest, exc: HttpError) -> HttpResponse:
        text = str(exc)
        message = next((v for k, v in HTTP_MESSAGES.items() if text.startswith(k)), text)
        return api.create_response(request, {"detail": message}, status=exc.status_code)

    return handler


def _refused(api: NinjaAPI) -> Callable[[HttpRequest, DjangoValidationError], HttpResponse]:
    def handler(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        detail = "；".join(exc.messages) or STATUS_MESSAGES[400]
        return api.create_response(request, {"detail": detail}, status=400)

    return handler


def install(api: NinjaAPI) -> None:
    """Register the Chinese handlers for ninja's validation, authentication and HTTP errors.

    A model's own refusal (Django's ValidationError: a number out of range, too many digits)
    is a 400 with its Chinese message, as the pages show it.
    """
    http = _http(api)
    api.add_exception_handler(ValidationError, _validation(api))
    api.add_exception_handler(DjangoValidationError, _refused(api))
    for exc_class in (HttpError, AuthenticationError, AuthorizationError):
        api.add_exception_handler(exc_class, http)


def _is_json(response: HttpResponse) -> bool:
    return response.get("Content-Type", "").startswith("application/json")


class ApiErrorMiddleware:
    """Turn an ``/api/`` error answered outside ninja (HTML 404, 405, 500) into Chinese JSON."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/api/") or response.status_code < 400:
            return response
        if _is_json(response) or response.get("Content-Disposition"):
            return response
        return _json_error(request, response)


def _json_error(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    status = response.status_code
    detail = STATUS_MESSAGES.get(status) or STATUS_MESSAGES[500 if status >= 500 else 400]
    if status == 405 and response.get("Allow"):
        detail = f"该接口不支持 {request.method} 方法，可用：{response['Allow']}。"
    replaced = JsonResponse(
        {"detail": detail}, status=status, json_dumps_params={"ensure_ascii": False}
    )
    for header in ("Allow", "Retry-After"):
        if response.get(header):
            replaced[header] = response[header]
    return replaced
