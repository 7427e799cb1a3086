"""The ``jixiao`` command: documents in, JSON out (contract: CONTRACT.md), and the web system.

Every verb parses its arguments, calls ``ingest`` / ``core`` / ``reports`` and prints JSON.
Errors a user can cause (a missing file, an unreadable document, no target in the text)
print one line on stderr and exit with status 2; nothing else is printed on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

EXIT_USER_ERROR = 2

DESCRIPTION = """JiXiao (绩效) — 市场监管部门预算绩效管理系统。
读取绩效文件（.txt .docx .xlsx .pdf），提取指标、目标和资金，复核每个可重算的数字并评分；
也用于启动 Web 系统。Reads performance documents, extracts indicators, targets and money,
checks every figure that can be recomputed, scores them, and runs the web system."""


class UserError(Exception):
    """An error the user can fix; printed as one line, exit status 2."""


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")


def _load(path: str, kind: str | None = None) -> Any:
    """Extract a document, turning every ingestion failure into one UserError line."""
    from jixiao.ingest import IngestError, extract_file

    try:
        return extract_file(Path(path), kind=kind)
    except IngestError as exc:
        raise UserError(str(exc)) from exc


def cmd_extract(args: argparse.Namespace) -> int:
    from jixiao.core.documents import document_to_dict

    _print_json(document_to_dict(_load(args.file, args.kind)))
    return 0


def cmd_parse_target(args: argparse.Namespace) -> int:
    from jixiao.core.documents import _plain
    from jixiao.core.targets import TargetError, parse_target

    try:
        targets = parse_target(args.text, direction=args.direction, unit=args.unit)
    except TargetError as exc:
        raise UserError(str(exc)) from exc
    if not targets:
        raise UserError(f"文本中没有可识别的目标值 (no target in text): {args.text!r}")
    from dataclasses import asdict

    _print_json([_plain(asdict(t)) for t in targets])
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    doc = _load(args.file)
    from jixiao.core.checks import run_checks

    findings = run_checks(doc)
    _print_json([f.to_dict() for f in findings])
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    doc = _load(args.file)
    from jixiao.core.scoring import score_document

    _print_json(score_document(doc).to_dict())
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    doc = _load(args.file)
    from jixiao.reports import ExportError, export_document

    try:
        export_document(doc, args.to, Path(args.output))
    except (ExportError, OSError) as exc:
        raise UserError(f"无法导出 {args.output}: {exc}") from exc
    return 0


def _django(argv: Sequence[str]) -> None:
    """Run a Django management command in-process with our settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["jixiao", *argv])


def cmd_demo(args: argparse.Namespace) -> int:
    _django(["migrate", "--noinput", "-v", "0"])
    _django(["load_demo", *(["--reset"] if args.reset else [])])
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    if args.prod:
        os.environ.setdefault("JIXIAO_DEBUG", "0")
    _django(["migrate", "--noinput", "-v", "0"])
    if not args.no_demo:
        _django(["load_demo", "--if-empty"])
    address = f"{args.host}:{args.port}"
    from jixiao.web.workers import Workers

    count = args.import_workers if args.import_workers is not None else (2 if args.prod else 1)
    with Workers(count):
        if args.prod:
            return _serve_gunicorn(address, args.workers)
        print(f"JiXiao 已启动: http://{address}/  (Ctrl-C 退出)", flush=True)
        _django(["runserver", address, "--noreload", "--insecure"])
    return 0


def _serve_gunicorn(address: str, workers: int) -> int:
    """Run gunicorn until it ends; on our own exit stop it gracefully (SIGTERM)."""
    import subprocess

    _django(["collectstatic", "--noinput", "-v", "0"])
    gunicorn = Path(sys.executable).with_name("gunicorn")
    cmd = [str(gunicorn), "jixiao.web.wsgi:application", "-b", address, "-w", str(workers)]
    server = subprocess.Popen(cmd)  # noqa: S603 - our own server, no shell
    try:
        return server.wait()
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait()


def cmd_worker(args: argparse.Namespace) -> int:
    _django(["jixiao_worker", *(["--batch"] if args.batch else [])])
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jixiao", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add(sub, "extract", cmd_extract, "提取文件为 JSON 文档 (extract a document as JSON)")
    sub.choices["extract"].add_argument("--kind", choices=_kinds(), help="文件类型，默认自动识别")
    p = _add(sub, "parse-target", cmd_parse_target, "解析目标值文本 (parse a target text)", False)
    p.add_argument("text", help="目标值文本，如 不少于19.44万批次")
    p.add_argument("--direction", help="指标方向列，如 大于等于")
    p.add_argument("--unit", help="计量单位列，如 批次")
    _add(sub, "check", cmd_check, "复核勾稽关系 (recompute and check every figure)")
    _add(sub, "score", cmd_score, "重算得分与等级 (recompute scores and grade)")
    p = _add(sub, "export", cmd_export, "按原格式导出 (export in the document's own layout)")
    p.add_argument("--to", required=True, choices=("xlsx", "docx", "pdf"), help="导出格式")
    p.add_argument("-o", "--output", required=True, help="输出文件")
    p = sub.add_parser("serve", help="启动 Web 系统 (run the web system)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", default="8000")
    p.add_argument("--prod", action="store_true", help="生产模式: gunicorn, DEBUG 关闭")
    p.add_argument("--workers", type=int, default=3, help="gunicorn 进程数 (--prod)")
    p.add_argument("--no-demo", action="store_true", help="不加载演示数据")
    p.add_argument(
        "--import-workers",
        type=int,
        default=None,
        help="同时启动的后台任务进程数（读取上传的文件），默认 1，--prod 时 2；0 表示另行运行 jixiao worker",
    )
    p.set_defaults(func=cmd_serve)
    p = sub.add_parser("worker", help="运行后台任务进程 (run a background worker: imports)")
    p.add_argument("--batch", action="store_true", help="处理完队列中的任务后退出")
    p.set_defaults(func=cmd_worker)
    p = sub.add_parser("demo", help="加载演示数据 (load the demo data)")
    p.add_argument("--reset", action="store_true", help="先删除已有的演示数据")
    p.set_defaults(func=cmd_demo)
    return parser


def _add(
    sub: Any, name: str, func: Callable[[argparse.Namespace], int], text: str, file: bool = True
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(name, help=text, description=text)
    if file:
        parser.add_argument("file", help="文件路径 (.txt .docx .xlsx .pdf)")
    parser.set_defaults(func=func)
    return parser


def _kinds() -> tuple[str, ...]:
    from jixiao.core.documents import KINDS

    return KINDS


def _version() -> str:
    from jixiao import __version__

    return f"jixiao {__version__}"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``jixiao`` console script."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return args.func(args)
    except UserError as exc:
        print(f"jixiao: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if os.environ.get("JIXIAO_TRACEBACK"):
            raise
        print(f"jixiao: 内部错误 ({type(exc).__name__}: {exc})", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
