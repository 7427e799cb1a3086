"""A safe formula language for user-defined rules: arithmetic on a document's named figures.

Users of the web system write rules such as ``[全年执行] / [全年预算] * 100``. The text is
parsed once into a :class:`Formula` (Python's own parser, then an allow-list walk), stored,
and evaluated many times on :class:`~decimal.Decimal` values (simpleeval's architecture,
STYLE.md 5.4). What is allowed is exactly: numbers, names bound to figures, ``+ - * /``,
unary ``-``/``+``, parentheses and the functions ``abs``, ``min``, ``max``, ``round`` (half up,
as the documents round). Nothing else: no attributes, no subscripts, no power (a cheap
way to burn CPU), no comparisons, no strings, no lambdas, no comprehensions, and names
resolve only to the figures passed in. Every failure is a :class:`FormulaError` that names
the expression.

Figure names that are not Python identifiers (``分值:产出指标``) are written in brackets:
``[分值:产出指标]``.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, DivisionByZero, InvalidOperation

from jixiao.core.money import round_half_up

MAX_LENGTH = 500
MAX_NODES = 200
BRACKETED = re.compile(r"\[([^\[\]]+)\]")


class FormulaError(ValueError):
    """A formula that cannot be parsed or evaluated; ``expression`` is the user's text."""

    def __init__(self, expression: str, message: str) -> None:
        super().__init__(f"公式「{expression}」{message}")
        self.expression = expression


def _round(value: Decimal, places: Decimal = Decimal(0)) -> Decimal:
    return round_half_up(value, int(places))


FUNCTIONS: dict[str, Callable[..., Decimal]] = {
    "abs": abs,
    "min": min,
    "max": max,
    "round": _round,
}
BINARY: dict[type, Callable[[Decimal, Decimal], Decimal]] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
}
UNARY: dict[type, Callable[[Decimal], Decimal]] = {ast.USub: lambda a: -a, ast.UAdd: lambda a: +a}


@dataclass(frozen=True)
class Formula:
    """A parsed, checked formula: the user's text, its tree and the figure names it reads."""

    text: str
    tree: ast.expr
    aliases: tuple[tuple[str, str], ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The figure names the formula needs, as the user wrote them."""
        alias = dict(self.aliases)
        found = [
            n.id for n in ast.walk(self.tree) if isinstance(n, ast.Name) and n.id not in FUNCTIONS
        ]
        return tuple(dict.fromkeys(alias.get(n, n) for n in found))


def parse_formula(text: str) -> Formula:
    """Parse and check ``text`` once; raise :class:`FormulaError` on anything not allowed."""
    if len(text) > MAX_LENGTH:
        raise FormulaError(text[:40] + "…", f"超过{MAX_LENGTH}个字符")
    aliases: dict[str, str] = {}

    def alias(match: re.Match[str]) -> str:
        key = f"_f{len(aliases)}"
        aliases[key] = match.group(1).strip()
        return f" {key} "

    source = BRACKETED.sub(alias, text)
    try:
        tree = ast.parse(source.strip(), mode="eval").body
    except SyntaxError as exc:
        raise FormulaError(text, "无法解析") from exc
    nodes = list(ast.walk(tree))
    if len(nodes) > MAX_NODES:
        raise FormulaError(text, f"过于复杂（超过{MAX_NODES}个节点）")
    for node in nodes:
        _allow(text, node)
    return Formula(text, tree, tuple(aliases.items()))


def _allow(text: str, node: ast.AST) -> None:
    """Reject every node type not on the allow-list, naming it in the error."""
    allowed = (ast.BinOp, ast.UnaryOp, ast.Constant, ast.Name, ast.Call, ast.Load, *BINARY, *UNARY)
    if not isinstance(node, allowed):
        raise FormulaError(text, f"含有不允许的写法：{type(node).__name__}")
    if isinstance(node, ast.Constant) and (
        isinstance(node.value, bool) or not isinstance(node.value, int | float)
    ):
        raise FormulaError(text, "只允许数字常量")
    if isinstance(node, ast.Call) and not (
        isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS and not node.keywords
    ):
        raise FormulaError(text, "只允许调用 abs、min、max、round")
    if isinstance(node, ast.Name) and node.id.startswith("__"):
        raise FormulaError(text, f"不允许的名称：{node.id}")


def evaluate(formula: Formula, figures: Mapping[str, Decimal | None]) -> Decimal:
    """Evaluate ``formula`` with names bound to ``figures``; a missing figure is an error."""
    names = {key: figures.get(name) for key, name in formula.aliases}
    try:
        return _eval(formula, formula.tree, {**figures, **names})
    except (DivisionByZero, InvalidOperation, ZeroDivisionError) as exc:
        raise FormulaError(formula.text, "计算出错（除数为零或数值无效）") from exc


def _eval(formula: Formula, node: ast.expr, env: Mapping[str, Decimal | None]) -> Decimal:
    if isinstance(node, ast.Constant):
        value = Decimal(str(node.value))
        if not value.is_finite():
            raise FormulaError(formula.text, "数字常量无效")
        return value
    if isinstance(node, ast.Name):
        value = env.get(node.id)
        if value is None:
            raise FormulaError(
                formula.text, f"缺少数值：{dict(formula.aliases).get(node.id, node.id)}"
            )
        return value
    if isinstance(node, ast.BinOp):
        return BINARY[type(node.op)](
            _eval(formula, node.left, env), _eval(formula, node.right, env)
        )
    if isinstance(node, ast.UnaryOp):
        return UNARY[type(node.op)](_eval(formula, node.operand, env))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        args = [_eval(formula, a, env) for a in node.args]
        try:
            return FUNCTIONS[node.func.id](*args)
        except TypeError as exc:
            raise FormulaError(formula.text, f"函数 {node.func.id} 的参数不对") from exc
    raise FormulaError(formula.text, "含有不允许的写法")
