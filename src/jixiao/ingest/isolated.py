"""Extraction in a child process that can really be stopped: a wall-time limit and a memory cap.

A parser busy inside a library (pdfminer on a long PDF, lxml on a huge tree) cannot be
interrupted from Python, and a file that needs gigabytes would take the whole worker down
with it. So the web import runs each extraction as ``python -m jixiao.ingest.isolated``:

- the child caps its own address space (``RLIMIT_AS``) and CPU time before it imports any
  parser, and asks the kernel to kill it when its parent dies (``PR_SET_PDEATHSIG``), so a
  worker killed with ``kill -9`` leaves no parser running;
- it reports progress as JSON lines on its stdout and the document (schema ``jixiao/v1``)
  or the Chinese error last; anything else it prints goes to stderr, which the parent logs;
- the parent reads those lines, passes progress on, asks ``alive()`` about once a second
  (the caller's heartbeat, and its way to cancel), and kills the child at the time limit.

The child never touches the database or any file but the one it reads.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from jixiao.core.documents import Document, document_from_dict, document_to_dict
from jixiao.ingest import IngestError
from jixiao.ingest.limits import MB, LimitError, Limits, Watch, refuse

logger = logging.getLogger(__name__)
PR_SET_PDEATHSIG = 1
GRACE = 5  # seconds of CPU beyond the wall-time limit before the kernel stops the child


@dataclass(frozen=True)
class Confinement:
    """The hard limits of the child: wall-clock seconds and address space in bytes."""

    seconds: int = 600
    memory_bytes: int = 2048 * MB


class Stopped(Exception):
    """The caller withdrew (``alive()`` said no): the child was killed, nothing is returned."""


def extract_isolated(
    path: Path,
    kind: str | None,
    watch: Watch,
    confinement: Confinement,
    alive: Callable[[], bool] = lambda: True,
) -> Document:
    """Extract ``path`` in a confined child process; raise IngestError (one line) or Stopped."""
    request = {
        "path": str(path),
        "kind": kind,
        "limits": asdict(watch.limits),
        "seconds": confinement.seconds,
        "memory": confinement.memory_bytes,
        "parent": os.getpid(),
    }
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(
            [sys.executable, "-m", "jixiao.ingest.isolated"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
        )
        try:
            assert child.stdin is not None and child.stdout is not None
            child.stdin.write(json.dumps(request).encode())
            child.stdin.close()
            listener = _Listener(path.name, watch, confinement, alive)
            message = listener.listen(child.stdout)
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(GRACE)  # its output is closed: it is exiting
        finally:
            if child.poll() is None:
                child.kill()
            child.wait()
        return _outcome(path.name, message, child.returncode, confinement, errors)


class _Listener:
    """Reads the child's lines until it ends, the time is up or the caller withdraws."""

    def __init__(
        self, name: str, watch: Watch, confinement: Confinement, alive: Callable[[], bool]
    ) -> None:
        self.name, self.watch, self.alive = name, watch, alive
        self.seconds = confinement.seconds
        self.deadline = time.monotonic() + confinement.seconds
        self.last: tuple[str, int, int, str] = ("reading", 0, 0, "")
        self.message: dict[str, Any] | None = None

    def listen(self, stream: IO[bytes]) -> dict[str, Any] | None:
        buffer, scanned = bytearray(), 0
        with selectors.DefaultSelector() as selector:
            selector.register(stream, selectors.EVENT_READ)
            while True:
                left = self.deadline - time.monotonic()
                if left <= 0:
                    raise self._too_long()
                if not self.alive():
                    raise Stopped
                if not selector.select(timeout=min(1.0, left)):
                    continue
                chunk = os.read(stream.fileno(), 1 << 16)
                if not chunk:
                    return self.message
                buffer += chunk
                while (end := buffer.find(b"\n", scanned)) >= 0:
                    self._take(json.loads(bytes(buffer[:end])))
                    del buffer[: end + 1]
                    scanned = 0
                scanned = len(buffer)

    def _take(self, message: dict[str, Any]) -> None:
        if "progress" in message:
            stage, done, total, unit = message["progress"]
            self.last = (stage, done, total, unit)
            self.watch.report(stage, done, total, unit)
        else:
            self.message = message

    def _too_long(self) -> LimitError:
        _stage, done, total, unit = self.last
        where = f"（已读 {done}/{total} {UNITS.get(unit, '')}）" if total else ""
        return LimitError(f"{self.name}: 读取时间超过上限 {self.seconds} 秒，已停止{where}")


UNITS = {"pages": "页", "rows": "行", "lines": "行"}


def _outcome(
    name: str,
    message: dict[str, Any] | None,
    returncode: int,
    confinement: Confinement,
    errors: IO[bytes],
) -> Document:
    """The document the child sent, or the error it reported, or why it died."""
    if message and "document" in message:
        return document_from_dict(message["document"])
    if message and "error" in message:
        raise (LimitError if message.get("limit") else IngestError)(message["error"])
    errors.seek(0)
    logger.warning(
        "extraction of %s ended with status %s: %s",
        name,
        returncode,
        errors.read()[-4000:].decode("utf-8", "replace"),
    )
    if returncode == -signal.SIGXCPU:
        raise refuse(
            name,
            "读取所用的处理器时间",
            f"{confinement.seconds} 秒以上",
            f"{confinement.seconds} 秒",
        )
    limit = confinement.memory_bytes // MB
    if message and message.get("memory"):
        raise LimitError(f"{name}: 读取所需内存超过上限 {limit} MB，已停止")
    if returncode < 0:
        raise LimitError(f"{name}: 读取进程异常退出（可能超过内存上限 {limit} MB），已停止")
    raise IngestError(f"{name}: 读取时出错，未能完成；请确认文件完好后重试")


def _confine(request: dict[str, Any]) -> None:
    """Cap this process's memory and CPU and tie its life to its parent's."""
    import resource

    memory = int(request["memory"])
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = int(request["seconds"]) + GRACE
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + GRACE))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a worker's graceful stop lets us finish
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the parent's kill at the limit remains
        pass
    if os.getppid() != request["parent"]:  # the parent died before the request took hold
        os._exit(1)


def _child() -> int:
    """The child's side: read the request on stdin, answer in JSON lines on stdout."""
    from jixiao.ingest import extract_file

    request = json.loads(sys.stdin.read())
    _confine(request)
    channel = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # whatever a library prints goes to stderr, never into the answer
    sent = [0.0, ""]

    def report(stage: str, done: int, total: int, unit: str) -> None:
        now = time.monotonic()
        if stage != sent[1] or now - float(sent[0]) >= 0.2 or done == total:
            sent[:] = [now, stage]
            channel.write(json.dumps({"progress": [stage, done, total, unit]}) + "\n")
            channel.flush()

    watch = Watch(limits=Limits(**request["limits"]), report=report)
    try:
        doc = extract_file(Path(request["path"]), request["kind"], watch)
        answer: dict[str, Any] = {"document": document_to_dict(doc)}
    except LimitError as exc:
        answer = {"error": str(exc), "limit": True}
    except IngestError as exc:
        answer = {"error": str(exc)}
    except MemoryError:
        answer = {"memory": True}
    channel.write(json.dumps(answer, ensure_ascii=False) + "\n")
    channel.flush()
    return 0


if __name__ == "__main__":
    sys.exit(_child())
