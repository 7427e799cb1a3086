"""The background tasks of imports (django-tasks; see :mod:`jixiao.web.imports.jobs` for why).

``sweep_imports`` runs itself again every ``SWEEP_MINUTES`` on backends that can defer a task
(the database backend does): the first run is queued when a worker starts
(``jixiao worker``), and a run only queues the next when no other is waiting, so however many
workers start, one sweep stays scheduled. It also prunes the queue's finished entries. ``manage.py expire_imports`` does the same by hand
or from cron.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from jixiao.web.imports import jobs

SWEEP_MINUTES = 15


@task()
def run_import(job_id: int) -> str:
    """Read one uploaded file (see :func:`jobs.run`)."""
    return jobs.run(job_id)


@task()
def sweep_imports() -> dict[str, int]:
    """Remove expired and interrupted imports and their files, then schedule the next sweep.

    The queue's own finished entries go too after 14 days (django-tasks-db's pruning).
    """
    done = jobs.sweep()
    if schedule_sweep():
        from django.core.management import call_command

        call_command("prune_db_task_results", verbosity=0)
    return done


def schedule_sweep() -> bool:
    """Queue the next sweep unless one is waiting already; whether one was queued."""
    backend = sweep_imports.get_backend()
    if not backend.supports_defer:
        return False
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(backend, DatabaseBackend):
        return False
    waiting = DBTaskResult.objects.filter(task_path=sweep_imports.module_path, status="READY")
    if waiting.exists():
        return False
    sweep_imports.using(run_after=timezone.now() + timedelta(minutes=SWEEP_MINUTES)).enqueue()
    return True
