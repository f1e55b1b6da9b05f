#!/usr/bin/env bash
# Installs the Debian packages the framework tests run fixed code against (test/unit/code-frameworks-run.test.ts):
# pydantic 1.10, python-decouple, dynaconf and Flask for Debian's python3 (/usr/bin/python3). PyPI is not reachable
# here, so these come from Debian. Idempotent: nothing is installed when the modules import already.
set -euo pipefail
if /usr/bin/python3 -c 'import pydantic, decouple, dynaconf, flask' >/dev/null 2>&1; then exit 0; fi
echo "[install-test-packages] apt-get install python3-pydantic python3-decouple python3-dynaconf python3-flask" >&2
if [ "$(id -u)" = 0 ]; then SUDO=(); else SUDO=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq >&2
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends python3 python3-pydantic python3-decouple python3-dynaconf python3-flask >&2
