#!/bin/sh
# The whole test suite: lint, architecture contracts, then pytest on SQLite and again on
# PostgreSQL. Installs what the tests need from Debian's packages when missing (Chromium for
# the browser tests, PostgreSQL) if it runs as root; otherwise says what is missing.
set -eu
cd "$(dirname "$0")/.."
VENV=.venv/bin
PG_URL="${JIXIAO_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/jixiao}"

say() { printf '== %s\n' "$*"; }

apt_install() {
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing $* from Debian's packages"
        apt-get update -qq >/dev/null 2>&1 || true
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
    fi
}

command -v chromium >/dev/null 2>&1 || apt_install chromium
command -v pdftoppm >/dev/null 2>&1 || apt_install poppler-utils
# LibreOffice converts .doc/.wps/.et for the readers' tests (about 70 s to install here).
command -v soffice >/dev/null 2>&1 || apt_install libreoffice-writer-nogui libreoffice-calc-nogui
# Chinese glyphs in the browser screenshots and PDF page renders.
fc-list 2>/dev/null | grep -qi wqy || apt_install fonts-wqy-microhei fontconfig

pg_up() { command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432; }
if ! pg_up; then
    command -v pg_ctlcluster >/dev/null 2>&1 || apt_install postgresql
    for v in $(ls /etc/postgresql 2>/dev/null); do
        pg_ctlcluster --skip-systemctl-redirect "$v" main start 2>/dev/null || true
    done
    sleep 2
fi

say "ruff"
$VENV/ruff check src tests bench
say "import contracts"
$VENV/lint-imports --no-cache >/dev/null
say "pytest on SQLite (a real database file under var/)"
mkdir -p var
JIXIAO_TEST_SQLITE="$PWD/var/test-jixiao.sqlite3" $VENV/pytest -n 2 "$@"
if pg_up; then
    say "pytest on PostgreSQL"
    DATABASE_URL="$PG_URL" $VENV/pytest -n 2 "$@"
elif [ "${CI:-}" = "true" ]; then
    echo "PostgreSQL is not reachable on 127.0.0.1:5432; CI needs it" >&2
    exit 1
else
    echo "WARNING: PostgreSQL is not reachable on 127.0.0.1:5432; the PostgreSQL run was skipped" >&2
fi
