"""The background workers ``jixiao serve`` runs beside the web server, so one command is enough.

Each worker is ``python -m jixiao worker`` (django-tasks' database worker, see
:mod:`jixiao.web.imports.jobs`). A worker that dies (killed, out of memory) is started again
within a few seconds; its import shows as interrupted. On exit (Ctrl-C, SIGTERM) the workers
get SIGTERM, finish or drop their current task, and are killed if they are still there after
``STOP_SECONDS``. Production may run workers on their own (``jixiao worker``) and start the web
server with ``--import-workers 0``.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from types import FrameType, TracebackType

STOP_SECONDS = 15
CHECK_SECONDS = 3


class Workers:
    """``count`` worker processes for the life of a ``with`` block, restarted when they die."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.processes: list[subprocess.Popen[bytes]] = []
        self.stopping = threading.Event()
        self.watcher: threading.Thread | None = None

    def __enter__(self) -> Workers:
        if self.count <= 0:
            return self
        self.processes = [self._start() for _ in range(self.count)]
        self.watcher = threading.Thread(target=self._watch, name="jixiao-workers", daemon=True)
        self.watcher.start()
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, _exit_on_sigterm)
        print(f"后台任务进程：{self.count} 个（读取上传的文件）", flush=True)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stopping.set()
        if self.watcher is not None:
            self.watcher.join(CHECK_SECONDS + 1)
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(STOP_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    @staticmethod
    def _start() -> subprocess.Popen[bytes]:
        return subprocess.Popen([sys.executable, "-m", "jixiao", "worker"])

    def _watch(self) -> None:
        while not self.stopping.wait(CHECK_SECONDS):
            for index, process in enumerate(self.processes):
                if process.poll() is not None and not self.stopping.is_set():
                    print(
                        f"后台任务进程已退出（状态 {process.returncode}），重新启动", flush=True
                    )
                    self.processes[index] = self._start()


def _exit_on_sigterm(_signum: int, _frame: FrameType | None) -> None:
    """SIGTERM (a service manager's stop) ends the server the way Ctrl-C does: cleanly."""
    raise SystemExit(0)
