#!/usr/bin/env bash
# Brief the same input with two revisions of briefing, one after the other in the same session, so
# their wall times can be compared on a shared, noisy machine (docs: bench/results/checker_cost.md).
#
#   bench/compare_revisions.sh OLD_REV INPUT TAG     # OLD_REV against the working tree
#
# The old revision is checked out into a temporary worktree and imported ahead of the installed
# package (run from outside the checkout so the working tree's package does not shadow it). Each
# result goes to $OUT_DIR/TAG-{old,new}.json with its stderr (stage timings) beside it.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
old_rev=$1; input=$(realpath "$2"); tag=$3
out=${OUT_DIR:-/tmp/briefing-compare}
mkdir -p "$out"
old=$(mktemp -d)
trap 'git -C "$repo" worktree remove --force "$old" >/dev/null 2>&1 || true' EXIT
git -C "$repo" worktree add --detach "$old" "$old_rev" >/dev/null
export BRIEFING_MODELS_DIR=${BRIEFING_MODELS_DIR:-$repo/models} BRIEFING_CACHE=false
cd "$out"
for variant in old new; do
  if [ "$variant" = old ]; then path=$old; else path=$repo; fi
  start=$(date +%s.%N)
  status=0
  PYTHONPATH=$path "$repo/.venv/bin/python" -m briefing.cli summarize "$input" --format json \
    >"$out/$tag-$variant.json" 2>"$out/$tag-$variant.err" || status=$?
  end=$(date +%s.%N)
  echo "$tag $variant $(echo "$end - $start" | bc) s (exit $status)" | tee -a "$out/times.txt"
done
