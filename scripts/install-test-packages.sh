#!/usr/bin/env bash
# Installs the Debian packages the run-for-real tests need, when they are missing:
# - pydantic 1.10, python-decouple, dynaconf and Flask for Debian's python3 (/usr/bin/python3): the framework fixes are
#   run against them (test/unit/code-frameworks-run.test.ts). PyPI is not reachable here, so these come from Debian.
# - golang-go (go, gofmt) and default-jdk-headless (javac, java): the generated Go and Java secret loaders are built
#   and run (test/unit/code-loader-go-java-run.test.ts).
# - pre-commit: the hook of .pre-commit-hooks.yaml is installed and run for real in a temporary git repository
#   (test/cli/ci-integrations.test.ts).
# Idempotent: nothing is installed when the modules import and the commands are on PATH already, and apt-get update
# runs at most once, only when something is missing.
set -euo pipefail
PACKAGES=()
if ! /usr/bin/python3 -c 'import pydantic, decouple, dynaconf, flask' >/dev/null 2>&1; then
  PACKAGES+=(python3 python3-pydantic python3-decouple python3-dynaconf python3-flask)
fi
if ! command -v go >/dev/null 2>&1 || ! command -v gofmt >/dev/null 2>&1; then PACKAGES+=(golang-go); fi
if ! command -v javac >/dev/null 2>&1 || ! command -v java >/dev/null 2>&1; then PACKAGES+=(default-jdk-headless); fi
if ! command -v pre-commit >/dev/null 2>&1; then PACKAGES+=(pre-commit); fi
if [ "${#PACKAGES[@]}" = 0 ]; then exit 0; fi
echo "[install-test-packages] apt-get install ${PACKAGES[*]}" >&2
if [ "$(id -u)" = 0 ]; then SUDO=(); else SUDO=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq >&2
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >&2
