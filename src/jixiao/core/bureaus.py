"""Which bureau a document names, and whether it is the one the document is filed under.

A clerk who picks the wrong county in the upload form would file another bureau's targets
as their own. Bureaus are named by their place (湖南省, 张家界市, 慈利县) followed by the
agency (市场监督管理局, 市场监管局 …), so two names are the same bureau when their most specific
place unit is the same: 慈利县 in 湖南省张家界市慈利县市场监督管理局 and in 慈利县市场监管局.

What the document names is read from its head: the organisation its layout found, else a
place run that stands right before an agency word in its title. A document that names no
bureau this way is never judged (most self-evaluation tables name theirs only in a cell).
"""

from __future__ import annotations

import re

SUFFIX = r"(?:自治区|自治州|自治县|特别行政区|地区|省|市|州|盟|县|区|旗)"
UNIT = re.compile(rf"[\u4e00-\u9fff]{{1,12}}?{SUFFIX}(?![市县区州](?!场))")
AGENCY = r"市场(?:和质量)?监"
# a place run starts the title, or follows a non-Chinese character, a year (2023年度) or 关于
START = r"(?:^|(?<=[^\u4e00-\u9fff])|(?<=年度)|(?<=年)|(?<=关于))(?!年|度|关于)"
IN_TITLE = re.compile(rf"{START}((?:{UNIT.pattern}){{1,4}}){AGENCY}")


def place_units(name: str) -> list[str]:
    """The place units a bureau's name starts with: 湖南省张家界市慈利县… → 湖南省, 张家界市, 慈利县."""
    text = re.split(AGENCY, re.sub(r"\s+", "", name), maxsplit=1)[0]
    units: list[str] = []
    position = 0
    while match := UNIT.match(text, position):
        units.append(match.group())
        position = match.end()
    return units


def named_place(organization: str | None, title: str) -> str | None:
    """The most specific place unit the document's head names, or None when it names none."""
    units = place_units(organization or "")
    if not units:
        found = IN_TITLE.search(re.sub(r"\s+", "", title or ""))
        units = place_units(found.group(1)) if found else []
    return units[-1] if units else None


def same_place(one: str, other: str) -> bool:
    """Whether two place units are one place (关于慈利县 and 慈利县 are)."""
    return len(min(one, other, key=len)) >= 2 and (one.endswith(other) or other.endswith(one))


def other_bureau(organization: str | None, title: str, chosen: str) -> str | None:
    """The place the document names when it is not the chosen bureau's; None when it agrees.

    None too when either side names no place: only a positive mismatch is reported.
    """
    named = named_place(organization, title)
    mine = place_units(chosen)
    if named is None or not mine or same_place(named, mine[-1]):
        return None
    return (organization or "").strip() or named


def title_without_repeated_name(title: str, organization: str | None) -> str:
    """``title`` without a leading unit name that the title then names again.

    A bureau's report often has its issuing unit's line run into the title ("湖南省市场监督管理局
    2023年度湖南省市场监督管理局专项资金部门评价报告"); the unit is kept once, where the title
    names it (#18). A title that names its unit only once is returned as it is.
    """
    title = title.strip()
    if (
        organization
        and title.startswith(organization)
        and organization in title[len(organization) :]
    ):
        return title[len(organization) :].strip()
    return title
