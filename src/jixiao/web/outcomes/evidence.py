"""Evidence files for the 整改台账: the one evidence check (``imports.files``), in ledger terms.

A closed ledger item stands on its evidence, so the file must be what it says: PDF, OFD,
Word, Excel or an image, by extension AND content, within ``JIXIAO_EVIDENCE_MAX_BYTES``.
"""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile

from jixiao.web.imports.files import FileRefused
from jixiao.web.imports.files import check_evidence as check_file
from jixiao.web.outcomes.access import InputError


def check_evidence(upload: UploadedFile) -> None:
    """Raise InputError unless the file is a non-empty, allowed document within the limit."""
    try:
        check_file(upload)
    except FileRefused as exc:
        raise InputError(str(exc)) from exc
