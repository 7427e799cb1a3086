"""A drafted (and perhaps edited) 绩效自评报告 as report blocks, for .docx and .pdf.

The draft is prose under numbered headings, so it maps one to one: the title, each ``一、``
heading at level 1 and each ``（一）`` at level 2, each paragraph as written. Portrait, as
reports are filed.
"""

from __future__ import annotations

from jixiao.core.drafting import Draft
from jixiao.reports.blocks import Block, Heading, Paragraph, Report


def draft_to_report(draft: Draft) -> Report:
    """The blocks of ``draft``, in order."""
    blocks: list[Block] = [Heading(draft.title, 0)]
    for section in draft.sections:
        if section.title:
            blocks.append(Heading(section.title, section.level))
        blocks.extend(Paragraph(text) for text in section.paragraphs)
    return Report(title=draft.title, blocks=blocks, landscape=False)
