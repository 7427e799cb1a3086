"""Responsible departments (责任处室) and persons (责任人) as printed in a table cell.

A cell may hold several of each, one per line, and a long name is itself broken over lines
(``信用监督`` / ``管理处``). A department name ends with an organisational word (处, 局, 中心, 科…),
so a line that does not is joined to the next one. Persons' names lose the spaces that justify
two-character names to the width of three (``林 东`` → ``林东``), while names written side by
side (``蒋爱民 吴燕榕``) stay apart.
"""

from __future__ import annotations

import re

DEPARTMENT_END = re.compile(
    r"(?:处|局|室|科|股|中心|所|站|队|办|部|组|司|厅|院|委|委员会|会|馆|台|社|公司|分局|支队|大队)$"
)
SEPARATORS = re.compile(r"[、，,；;/／]")
NAME = re.compile(r"^(?:[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,8}·[\u4e00-\u9fff·]{1,12})$")
# Endings that no person's name has (科, 院, 会… do occur in given names).
NOT_A_NAME = re.compile(r"(?:处|局|室|股|中心|所|站|队|办|司|厅|委员会|公司)$")


def read_departments(fragments: list[str]) -> list[str]:
    """Department names from a cell's printed lines (see the module docstring)."""
    names: list[str] = []
    pending = ""
    for piece in _pieces(fragments):
        pending += piece
        if DEPARTMENT_END.search(pending):
            names.append(pending)
            pending = ""
    if pending:
        names.append(pending)
    return names


def _pieces(fragments: list[str]) -> list[str]:
    return [
        piece
        for fragment in fragments
        for part in SEPARATORS.split(fragment)
        for piece in part.split()
        if piece
    ]


def read_owners(fragments: list[str]) -> list[str]:
    """Persons' names from a cell's printed lines, inner spaces removed."""
    names: list[str] = []
    for fragment in fragments:
        for part in SEPARATORS.split(fragment):
            names.extend(_split_names(part.split()))
    return [name for name in names if name]


def _split_names(parts: list[str]) -> list[str]:
    """Join single characters spaced out of one name; keep whole names apart."""
    names: list[str] = []
    index = 0
    while index < len(parts):
        part = parts[index]
        if len(part) == 1 and index + 1 < len(parts):
            part += parts[index + 1]
            index += 1
        elif len(part) == 1 and names:
            names[-1] += part
            index += 1
            continue
        names.append(part)
        index += 1
    return names


def looks_like_owners(fragments: list[str]) -> bool:
    """Whether a cell holds only persons' names (short, Chinese, no organisational word)."""
    names = read_owners(fragments)
    return bool(names) and all(NAME.match(name) and not NOT_A_NAME.search(name) for name in names)


def looks_like_departments(fragments: list[str]) -> bool:
    """Whether a cell holds only department names (short lines, no sentence, no figures)."""
    text = "".join(fragments)
    if not text or re.search(r"[\d。：:《》“”]", text) or len(text) > 60:
        return False
    return all(DEPARTMENT_END.search(name) for name in read_departments(fragments))
