"""Imports as background jobs: upload → read once by a worker → preview → save whole, or nothing.

The queue is django-tasks (the ``django.tasks`` API that Django 6 adopted) on its database
backend, django-tasks-db. Of the maintained queues that need no extra server on the embedded
SQLite default, it was chosen over the other two considered:

- django-tasks-db keeps the queue in the application's own database, SQLite or PostgreSQL,
  so a job's row and its queue entry commit in one transaction (no job without its task, no
  task without its job) and there is nothing else to install, back up or watch. To scale out,
  run more ``jixiao worker`` processes on other hosts against the same PostgreSQL, or switch
  ``JIXIAO_TASKS_BACKEND`` to the Redis backend (django-tasks-rq) without touching this code;
- Huey (SqliteHuey) keeps its queue in a second SQLite file, which a PostgreSQL deployment
  would replace by Redis, and cannot commit with the job's row;
- django-q2 (ORM broker) runs a cluster of four or more processes per host (sentinel, pusher,
  monitor, workers), heavy for the two-core servers bureaus run.

django-tasks has no task timeouts, and no queue can cap a parser's memory: both come from
running the parse in a confined child process (:mod:`jixiao.ingest.isolated`), which a
worker killed with ``kill -9`` takes with it.

A job's life (:class:`~jixiao.web.imports.models.ImportJob`): ``queued`` → ``running`` (the
worker writes the stage, pages or rows read and a heartbeat) → ``ready`` (the document is in
the row and the upload is deleted) → ``saved`` by :func:`confirm`, in one transaction with its
audit record. Or ``failed`` (the Chinese reason), ``cancelled``, or ``interrupted``: a running
job whose heartbeat stopped (the worker died) is marked so by the next look at it or the next
:func:`sweep`, which also removes expired jobs and any upload folder no job owns. Every
status change is a conditional UPDATE, so a worker that lost its job (cancelled, interrupted)
can never bring it back.
"""

from __future__ import annotations

import logging
import re
import shutil
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import OperationalError, transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from jixiao.core.bureaus import other_bureau
from jixiao.core.documents import Document, document_from_dict, document_to_dict
from jixiao.ingest import IngestError
from jixiao.ingest.isolated import UNITS, Confinement, Stopped, extract_isolated
from jixiao.ingest.limits import MB, Limits, Watch
from jixiao.web.imports.models import ImportJob

logger = logging.getLogger(__name__)
Status = ImportJob.Status
BEAT = 5.0  # seconds between heartbeats while a child reads quietly
PROGRESS = 1.0  # seconds between progress writes
FAILED_UNEXPECTEDLY = "读取时出现内部错误，未保存任何数据；请重试，如仍失败请联系系统管理员。"
INTERRUPTED = "读取过程被中断（后台任务进程意外退出），未保存任何数据；请重新上传。"


class ImportRefused(Exception):
    """The import cannot go on; the message says why in Chinese, in one line."""


def limits() -> Limits:
    """The limits of every import, from settings."""
    return Limits(
        max_bytes=settings.UPLOAD_MAX_BYTES,
        max_unzipped_bytes=settings.IMPORT_MAX_UNZIPPED_BYTES,
        max_members=settings.IMPORT_MAX_MEMBERS,
        max_ratio=settings.IMPORT_MAX_RATIO,
        max_rows=settings.IMPORT_MAX_ROWS,
        max_cells=settings.IMPORT_MAX_CELLS,
        max_pages=settings.IMPORT_MAX_PAGES,
        max_lines=settings.IMPORT_MAX_LINES,
        max_indicators=settings.IMPORT_MAX_INDICATORS,
        max_seconds=settings.IMPORT_MAX_SECONDS,
    )


def confinement() -> Confinement:
    return Confinement(
        seconds=settings.IMPORT_MAX_SECONDS, memory_bytes=settings.IMPORT_MAX_MEMORY_MB * MB
    )


def safe_name(name: str) -> str:
    """The user's file name, fit to stand on disk in the job's own folder (and in messages).

    No folders, no control or reserved characters, at most 180 bytes with the suffix kept.
    """
    base = re.sub(r'[\x00-\x1f\x7f/\\:*?"<>|]', "_", Path(name or "").name).strip(" .")
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    suffix = suffix[:10].lower()
    while stem and len(f"{stem}.{suffix}".encode()) > 180:
        stem = stem[:-1]
    return f"{stem or '文件'}.{suffix}" if suffix else stem or "文件"


def start(
    upload: Any, user: Any, organization: Any, *, year: int | None, kind: str, replace: bool
) -> ImportJob:
    """Keep the upload and queue its reading; the job, or ImportRefused."""
    from jixiao.web.imports.tasks import run_import

    active = ImportJob.objects.filter(user=user, status__in=ImportJob.ACTIVE).count()
    if active >= settings.IMPORT_MAX_ACTIVE:
        raise ImportRefused(f"您已有 {active} 个文件正在读取，请等读取完成后再上传。")
    job = ImportJob(
        user=user,
        organization=organization,
        year=year,
        kind=kind or "",
        replace=replace,
        file_name=safe_name(upload.name),
        size=upload.size or 0,
        expires_at=timezone.now() + timedelta(hours=settings.IMPORT_KEEP_HOURS),
    )
    try:
        with transaction.atomic():
            job.save()
            _store(upload, job.path)
            run_import.enqueue(job.pk)  # same transaction: the queue entry commits with the job
    except BaseException:
        shutil.rmtree(job.folder, ignore_errors=True)
        raise
    job.refresh_from_db()
    return job


def _store(upload: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("xb") as out:
        for chunk in upload.chunks():
            out.write(chunk)


class _Heartbeat:
    """The worker's side of a running job: progress, heartbeat, and noticing it was withdrawn."""

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self.written = 0.0
        self.stage = ""
        self.latest: tuple[str, int, int, str] | None = None
        self.running = True

    def report(self, stage: str, done: int, total: int, unit: str) -> None:
        self.latest = (stage, done, total, unit)
        if stage != self.stage or time.monotonic() - self.written >= PROGRESS:
            self._write()

    def alive(self) -> bool:
        if time.monotonic() - self.written >= BEAT:
            self._write()
        return self.running

    def _write(self) -> None:
        fields: dict[str, Any] = {"heartbeat_at": timezone.now()}
        if self.latest:
            stage, done, total, unit = self.latest
            fields |= {"stage": stage, "done": done, "total": total, "unit": unit}
            self.stage = stage
        self.written = time.monotonic()
        try:
            updated = _move(self.job_id, Status.RUNNING, **fields)
        except OperationalError:  # a busy database: try again at the next beat
            logger.warning("heartbeat of import job %s not written", self.job_id, exc_info=True)
            return
        self.running = bool(updated)


def _move(job_id: int, when: str | tuple[str, ...], /, **fields: Any) -> int:
    """Update the job only while its status is ``when``: how many rows changed (0 or 1)."""
    statuses = (when,) if isinstance(when, str) else when
    return ImportJob.objects.filter(pk=job_id, status__in=statuses).update(**fields)


def run(job_id: int) -> str:
    """The worker's task: read the job's file once, in a confined child; keep the document."""
    if not _move(job_id, Status.QUEUED, status=Status.RUNNING, heartbeat_at=timezone.now()):
        return "gone"  # cancelled or expired before a worker got to it
    job = ImportJob.objects.select_related("organization").get(pk=job_id)
    beat = _Heartbeat(job_id)
    watch = Watch(limits=limits(), report=beat.report)
    try:
        doc = extract_isolated(job.path, job.kind or None, watch, confinement(), beat.alive)
    except Stopped:
        return "withdrawn"
    except IngestError as exc:
        return _fail(job_id, str(exc))
    except Exception:
        logger.exception("import job %s failed", job_id)
        return _fail(job_id, FAILED_UNEXPECTEDLY)
    finally:
        shutil.rmtree(job.folder, ignore_errors=True)
    return _ready(job, doc)


def _fail(job_id: int, message: str) -> str:
    _move(job_id, Status.RUNNING, status=Status.FAILED, message=message, finished_at=timezone.now())
    return Status.FAILED


def _ready(job: ImportJob, doc: Document) -> str:
    if doc.source is not None:
        doc.source.file = job.file_name
    named = other_bureau(doc.organization.name, doc.title, job.organization.name)
    now = timezone.now()
    _move(
        job.pk,
        Status.RUNNING,
        status=Status.READY,
        stage="done",
        document=document_to_dict(doc),
        other_bureau=(named or "")[:255],
        finished_at=now,
        expires_at=now + timedelta(hours=settings.IMPORT_KEEP_HOURS),
    )
    return Status.READY


def job_for(user: Any, token: str) -> ImportJob:
    """The user's own job ``token`` (looked at afresh: a dead worker's job shows as such)."""
    job = (
        ImportJob.objects.filter(user=user, token=token)
        .select_related("organization", "system")
        .first()
    )
    if job is None:
        raise Http404("导入任务不存在或已过期，请重新上传。")
    if job.status == Status.RUNNING and _stale(job):
        interrupt(job)
        job.refresh_from_db()
    return job


def _stale(job: ImportJob) -> bool:
    limit = timezone.now() - timedelta(seconds=settings.IMPORT_STALE_SECONDS)
    return job.heartbeat_at is None or job.heartbeat_at < limit


def interrupt(job: ImportJob) -> bool:
    """Mark a running job whose worker is gone as interrupted, and remove its upload."""
    moved = _move(
        job.pk,
        Status.RUNNING,
        status=Status.INTERRUPTED,
        message=INTERRUPTED,
        finished_at=timezone.now(),
    )
    shutil.rmtree(job.folder, ignore_errors=True)
    return bool(moved)


def document(job: ImportJob) -> Document:
    """The document read from the job's file (never read again)."""
    if job.status != Status.READY or job.document is None:
        raise ImportRefused("该文件尚未读取完成，或已导入、已取消。")
    return document_from_dict(job.document)


def confirm(job: ImportJob, user: Any, acknowledged: bool, reason: str = "导入文件") -> Any:
    """Save the job's document whole, with its audit record, in one transaction.

    A document naming another bureau needs ``acknowledged``. A second confirm (a double
    click, two tabs) finds the job already saved and changes nothing.
    """
    from jixiao.web.cycle.audit import log_change
    from jixiao.web.imports.save import save_document

    doc = document(job)
    if job.other_bureau and not acknowledged:
        raise ImportRefused(
            f"文件中的单位是「{job.other_bureau}」，与所选的「{job.organization.name}」不同；"
            "请核对后勾选确认再导入。"
        )
    with transaction.atomic():
        if not _move(job.pk, Status.READY, status=Status.SAVED, finished_at=timezone.now()):
            raise ImportRefused("该文件已导入或已取消。")
        system = save_document(doc, job.organization, job.year, user, job.replace)
        log_change(system, None, "导入", "", job.file_name, user, reason)
        ImportJob.objects.filter(pk=job.pk).update(system=system, document=None)
    return system


def cancel(job: ImportJob) -> None:
    """Withdraw a job that is not saved: a running worker stops, the upload goes."""
    _move(
        job.pk,
        (Status.QUEUED, Status.RUNNING, Status.READY, Status.FAILED, Status.INTERRUPTED),
        status=Status.CANCELLED,
        document=None,
        finished_at=timezone.now(),
    )
    shutil.rmtree(job.folder, ignore_errors=True)


def state(job: ImportJob) -> dict[str, Any]:
    """What the progress page and the API show of a job."""
    percent = _percent(job)
    return {
        "id": job.token,
        "file_name": job.file_name,
        "organization_id": job.organization_id,
        "status": job.status,
        "status_label": job.get_status_display(),
        "stage": job.stage,
        "stage_label": ImportJob.STAGES.get(job.stage, ""),
        "done": job.done,
        "total": job.total,
        "unit": UNITS.get(job.unit, ""),
        "percent": percent,
        "message": job.message,
        "other_bureau": job.other_bureau,
        "system_id": job.system_id,
        "preview": reverse("import_preview", args=[job.token]),
        "finished": not job.is_active,
    }


def _percent(job: ImportJob) -> int:
    """Reading is most of the work (0-80 %); recognising and checking share the rest."""
    if not job.is_active:
        return 100
    if job.stage == "reading":
        return 80 * min(job.done, job.total) // job.total if job.total else 5
    return {"recognising": 85, "checking": 95}.get(job.stage, 0)


def sweep() -> dict[str, int]:
    """Interrupt dead workers' jobs, delete expired jobs, remove folders no job owns."""
    interrupted = sum(
        interrupt(job)
        for job in ImportJob.objects.filter(status=Status.RUNNING)
        if _stale(job)
    )
    expired = list(ImportJob.objects.filter(expires_at__lt=timezone.now()))
    for job in expired:
        shutil.rmtree(job.folder, ignore_errors=True)
    ImportJob.objects.filter(pk__in=[job.pk for job in expired]).delete()
    return {"interrupted": interrupted, "expired": len(expired), "orphans": _orphans()}


def _orphans() -> int:
    """Remove what lies in MEDIA_ROOT/imports without a job (a crash between two steps).

    Only entries older than the stale limit: an upload being stored has no committed job yet.
    """
    folder = Path(settings.MEDIA_ROOT) / "imports"
    if not folder.is_dir():
        return 0
    old = time.time() - settings.IMPORT_STALE_SECONDS
    entries = [e for e in folder.iterdir() if e.lstat().st_mtime < old]
    owned = set(
        ImportJob.objects.filter(
            token__in=[e.name for e in entries], status__in=ImportJob.ACTIVE
        ).values_list("token", flat=True)
    )
    removed = 0
    for entry in entries:
        if entry.name in owned:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed += 1
    return removed

