#!/usr/bin/env bash
# One command from a fresh clone: set up, pull the default model, brief the example articles.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/briefing models pull >&2
exec .venv/bin/briefing summarize examples/ "$@"
