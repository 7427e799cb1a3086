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
读取绩效文件（.txt .docx .xlsx .pdf .html .xls .csv .doc .wps .et），提取指标、目标和资金，复核每个可重算的数字并评分；
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
    from jixiao.core.documents import plain
    from jixiao.core.targets import TargetError, parse_target

    try:
        targets = parse_target(args.text, direction=args.direction, unit=args.unit)
    except TargetError as exc:
        raise UserError(str(exc)) from exc
    if not targets:
        raise UserError(f"文本中没有可识别的目标值 (no target in text): {args.text!r}")
    from dataclasses import asdict

    _print_json([plain(asdict(t)) for t in targets])
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
    if args.to in ("yitihua", "template"):
        return _export_exchange(doc, args)
    from jixiao.reports import ExportError, export_document

    try:
        export_document(doc, args.to, Path(args.output))
    except (ExportError, OSError) as exc:
        raise UserError(f"无法导出 {args.output}: {exc}") from exc
    return 0


def cmd_draft(args: argparse.Namespace) -> int:
    """Draft the 绩效自评报告 from a self-evaluation: print it, or write .docx/.pdf/.txt."""
    from jixiao.core.checks import run_checks
    from jixiao.core.drafting import draft_report
    from jixiao.core.scoring import score_document

    doc = _load(args.file)
    draft = draft_report(doc, score_document(doc), run_checks(doc))
    if not args.output:
        sys.stdout.write(draft.to_text())
        return 0
    out = Path(args.output)
    suffix = out.suffix.lower().lstrip(".")
    if suffix == "txt":
        out.write_text(draft.to_text(), "utf-8")
        return 0
    if suffix not in ("docx", "pdf"):
        raise UserError(f"{out.name}: 报告应保存为 .docx、.pdf 或 .txt")
    from jixiao.reports import write_report
    from jixiao.reports.drafted import draft_to_report

    write_report(draft_to_report(draft), suffix, out)
    return 0


def _export_exchange(doc: Any, args: argparse.Namespace) -> int:
    """The document as 预算管理一体化 tables (or the common template), by the mapping."""
    from jixiao.core.exchange import Codes, ExchangeError, load_mapping, template_rows, to_tables
    from jixiao.reports.exchange import write_tables

    out = Path(args.output)
    if out.suffix.lower() not in (".xlsx", ".zip"):
        raise UserError(
            f"{out.name}: 一体化交换文件应为 .xlsx（每表一个工作表）或 .zip（每表一个 CSV）"
        )
    try:
        mapping = load_mapping(Path(args.mapping).read_text("utf-8") if args.mapping else None)
        codes = Codes(dict(_code(c) for c in args.code or ()))
        if args.to == "template":
            table = next(t for t in mapping.tables if "template" in t.kinds)
            tables = {table.name: template_rows(doc, mapping)}
        else:
            tables = to_tables(doc, mapping, codes, args.level, library=args.library)
        headings = {t.name: t.headings() for t in mapping.tables if t.name in tables}
        write_tables(tables, headings, out)
    except (ExchangeError, StopIteration, OSError, UnicodeDecodeError) as exc:
        raise UserError(f"无法导出 {out}: {exc or '对照表中没有通用导入模板'}") from exc
    return 0


def _code(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise UserError(f"--code 应写成 列名=值，如 AGENCY_CODE=101001，而不是 {text!r}")
    return name.strip().upper(), value.strip()


def _django(argv: Sequence[str]) -> None:
    """Run a Django management command in-process with our settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["jixiao", *argv])


def cmd_demo(args: argparse.Namespace) -> int:
    _django(["migrate", "--noinput", "-v", "0"])
    if args.remove:
        from jixiao.web.security.production import disable_demo_accounts

        names = disable_demo_accounts()
        print(
            f"已停用 {len(names)} 个使用演示密码的账号：{'、'.join(names) or '无'}。", flush=True
        )
        print("演示数据（单位、指标体系）保留不动；如需删除，请在管理后台处理。", flush=True)
        return 0
    _django(["load_demo", *(["--reset"] if args.reset else [])])
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    _serve_environment(args)
    _django(["migrate", "--noinput", "-v", "0"])
    if wants_demo(args, os.environ):
        _django(["load_demo", "--if-empty" if args.demo else "--if-fresh"])
    address = f"{args.host}:{args.port}"
    if args.prod:
        _refuse_unsafe_production()
    from jixiao.web.workers import Workers

    count = args.import_workers if args.import_workers is not None else (2 if args.prod else 1)
    with Workers(count):
        if args.prod:
            return _serve_gunicorn(address, args.workers)
        print(f"JiXiao 已启动: http://{address}/  (Ctrl-C 退出)", flush=True)
        if args.debug:
            print("调试模式已开启：出错页面会显示配置和全部路由，只可在本机开发时使用。", flush=True)
        _django(["runserver", address, "--noreload", "--insecure"])
    return 0


def _serve_environment(args: argparse.Namespace) -> None:
    """Settings the flags imply, set before Django reads them; refuse unsafe combinations."""
    if args.prod and (args.debug or args.demo):
        flag = "--debug" if args.debug else "--demo"
        raise UserError(f"--prod 不能与 {flag} 同时使用 (--prod cannot be combined with {flag})")
    if args.prod:
        os.environ["JIXIAO_DEBUG"] = "0"
        os.environ["JIXIAO_PROD"] = "1"
        os.environ.setdefault("JIXIAO_HTTPS", "1")
    elif args.debug:
        os.environ["JIXIAO_DEBUG"] = "1"


def wants_demo(args: argparse.Namespace, environ: Any) -> bool:
    """Demo data only on the embedded default (SQLite, no DATABASE_URL) or when asked for."""
    if args.demo:
        return True
    if args.no_demo or args.prod:
        return False
    return not environ.get("DATABASE_URL")


def _refuse_unsafe_production() -> None:
    """Exit (status 2) while an account keeps the demo password; warn about a file key."""
    from jixiao.web.security.production import REFUSAL, demo_password_accounts

    names = demo_password_accounts()
    if names:
        raise UserError(REFUSAL.format(names=", ".join(names)))
    if not os.environ.get("JIXIAO_SECRET_KEY"):
        print(
            "提示：未设置 JIXIAO_SECRET_KEY，使用数据目录中生成的密钥；"
            "多台服务器须设置同一个 JIXIAO_SECRET_KEY。",
            file=sys.stderr,
            flush=True,
        )


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django

    django.setup()


def cmd_createadmin(args: argparse.Namespace) -> int:
    _django(["migrate", "--noinput", "-v", "0"])
    from django.conf import settings
    from django.utils import translation

    from jixiao.web.security.production import create_admin

    translation.activate(settings.LANGUAGE_CODE)  # the password rules' messages in Chinese
    password = _new_password()
    try:
        created = create_admin(args.username, password, args.name, reset=args.reset_password)
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    _print_json({"username": args.username, "created": created, "superuser": True})
    return 0


def _new_password() -> str:
    """From JIXIAO_ADMIN_PASSWORD, else typed twice at a terminal, else one line of stdin."""
    password = os.environ.get("JIXIAO_ADMIN_PASSWORD", "")
    if password:
        return password
    if sys.stdin.isatty():
        import getpass

        password = getpass.getpass("新密码: ")
        if password != getpass.getpass("再输入一次: "):
            raise UserError("两次输入的密码不一致。")
        return password
    password = sys.stdin.readline().rstrip("\n")
    if not password:
        raise UserError(
            "没有收到密码：请在终端中运行，或通过标准输入或 JIXIAO_ADMIN_PASSWORD 提供。"
        )
    return password


def cmd_backup(args: argparse.Namespace) -> int:
    _setup_django()
    from jixiao.web.backup.archive import ArchiveError
    from jixiao.web.backup.service import BackupError, backup

    try:
        summary = backup(Path(args.output) if args.output else None, portable=args.portable)
    except (BackupError, ArchiveError, OSError) as exc:
        raise UserError(f"备份失败：{exc}") from exc
    _print_json(summary)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    _setup_django()
    from jixiao.web.backup.archive import ArchiveError
    from jixiao.web.backup.service import BackupError, restore

    try:
        summary = restore(Path(args.file), force=args.force)
    except (BackupError, ArchiveError, OSError) as exc:
        raise UserError(f"恢复失败：{exc}") from exc
    _django(["migrate", "--noinput", "-v", "0"])  # a backup from an older version catches up
    _print_json(summary)
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
    p.add_argument(
        "--to",
        required=True,
        choices=("xlsx", "docx", "pdf", "yitihua", "template"),
        help="导出格式；yitihua 为预算管理一体化交换表，template 为通用 Excel 导入模板",
    )
    p.add_argument("-o", "--output", required=True, help="输出文件")
    p.add_argument(
        "--level",
        choices=("project", "dept"),
        default="project",
        help="yitihua: 项目（PM_*）或部门整体（BGT_*）",
    )
    p.add_argument(
        "--library", action="store_true", help="yitihua: 导出为指标库 BAS_PERF_INDICATOR"
    )
    p.add_argument(
        "--code",
        action="append",
        metavar="列名=值",
        help="yitihua: 文件中没有的代码，如 MOF_DIV_CODE=430000（可多次）",
    )
    p.add_argument("--mapping", help="yitihua: 本省的对照表 JSON（默认国家标准）")
    p = _add(sub, "draft", cmd_draft, "起草绩效自评报告 (draft the self-evaluation report)")
    p.add_argument("-o", "--output", help="保存为 .docx、.pdf 或 .txt（默认打印文字）")
    _add_serve(sub)
    p = sub.add_parser("demo", help="加载演示数据 (load the demo data)")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--reset", action="store_true", help="先删除已有的演示数据")
    group.add_argument("--remove", action="store_true", help="停用所有使用演示密码的账号")
    p.set_defaults(func=cmd_demo)
    p = sub.add_parser("createadmin", help="创建系统管理员 (create an administrator)")
    p.add_argument("username", help="用户名")
    p.add_argument("--name", default="", help="姓名")
    p.add_argument("--reset-password", action="store_true", help="用户已存在时重设其密码")
    p.set_defaults(func=cmd_createadmin)
    p = sub.add_parser("backup", help="备份数据库与上传文件 (back up database and uploads)")
    p.add_argument(
        "-o", "--output", help="备份文件，默认 <数据目录>/backups/jixiao-backup-时间.tar.gz"
    )
    p.add_argument(
        "--portable", action="store_true", help="PostgreSQL: 不用 pg_dump，用 COPY 导出"
    )
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="从备份恢复 (restore a backup)")
    p.add_argument("file", help="jixiao backup 生成的 .tar.gz 文件")
    p.add_argument("--force", action="store_true", help="覆盖已有数据（原上传目录改名保留）")
    p.set_defaults(func=cmd_restore)
    return parser


def _add_serve(sub: Any) -> None:
    p = sub.add_parser("serve", help="启动 Web 系统 (run the web system)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", default="8000")
    p.add_argument("--prod", action="store_true", help="生产模式: gunicorn, 检查演示密码, HTTPS")
    p.add_argument(
        "--debug", action="store_true", help="调试模式: 出错时显示详细信息（仅限本机开发）"
    )
    p.add_argument("--workers", type=int, default=3, help="gunicorn 进程数 (--prod)")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--demo", action="store_true", help="加载演示数据（如尚未加载）")
    group.add_argument("--no-demo", action="store_true", help="不加载演示数据")
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


def _add(
    sub: Any, name: str, func: Callable[[argparse.Namespace], int], text: str, file: bool = True
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(name, help=text, description=text)
    if file:
        parser.add_argument(
            "file", help="文件路径 (.txt .docx .xlsx .pdf .html .xls .csv .doc .wps .et)"
        )
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
