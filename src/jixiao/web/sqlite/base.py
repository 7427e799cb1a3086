"""Django's SQLite backend with a fair queue for write transactions.

SQLite lets one transaction write at a time; the others wait in its busy handler, which
sleeps and retries. That wait is not a queue: under a sustained burst (20 writers on a busy
two-core machine) an unlucky writer keeps missing its turn until the timeout, and fails with
"database is locked". Here each write transaction (Django's ``atomic`` opens it with
``BEGIN IMMEDIATE``) first takes an exclusive ``flock`` on a file beside the database and
releases it at commit or rollback: the kernel hands the lock on to a waiting writer, in every
thread and every process (web workers, the import worker), so writers take turns instead of
racing. Reads are not affected (WAL lets them run beside the writer).
"""

from __future__ import annotations

import fcntl
import os
from typing import Any

from django.db.backends.sqlite3 import base


class DatabaseWrapper(base.DatabaseWrapper):
    _queue_fd: int | None = None

    def _queue_path(self) -> str | None:
        name = str(self.settings_dict["NAME"])
        if self.is_in_memory_db() or not name:
            return None
        return f"{name}.writers"

    def _join_queue(self) -> None:
        path = self._queue_path()
        if path is None or self._queue_fd is not None:
            return
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)  # waits its turn; released by the kernel on exit
        except BaseException:
            os.close(fd)
            raise
        self._queue_fd = fd

    def _leave_queue(self) -> None:
        fd, self._queue_fd = self._queue_fd, None
        if fd is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def _start_transaction_under_autocommit(self) -> None:
        self._join_queue()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._leave_queue()
            raise

    def _commit(self) -> Any:
        try:
            return super()._commit()
        finally:
            self._leave_queue()

    def _rollback(self) -> Any:
        try:
            return super()._rollback()
        finally:
            self._leave_queue()

    def _close(self) -> Any:
        try:
            return super()._close()
        finally:
            self._leave_queue()
