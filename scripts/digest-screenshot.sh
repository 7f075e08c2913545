#!/usr/bin/env bash
# Render a digest email's HTML part to a PNG, to see what a reader sees, with headless Chromium.
#
#   scripts/digest-screenshot.sh INPUT.eml|INPUT.html OUT.png [WIDTH]
#
# WIDTH is the window width in CSS pixels: 420 (a phone, the default) or e.g. 1024 (a desktop
# mail client). The window is 2400 pixels tall; a longer digest is cut at the bottom.
# An .eml file (from `briefing digest run --dry-run`, or from output_dir) has its text/html part
# extracted first. Needs the `chromium` package (Debian, Ubuntu: apt-get install chromium).
set -euo pipefail

usage() {
    echo "usage: $0 INPUT.eml|INPUT.html OUT.png [WIDTH]" >&2
    exit 2
}

[[ $# -eq 2 || $# -eq 3 ]] || usage
input=$1
out=$2
width=${3:-420}
height=2400
[[ $width =~ ^[0-9]+$ ]] || { echo "$0: WIDTH must be a number of pixels, not '$width'" >&2; exit 2; }
[[ -f $input ]] || { echo "$0: $input: no such file" >&2; exit 2; }
[[ $out == *.png ]] || { echo "$0: $out: the output must be a .png file" >&2; exit 2; }

browser=""
for name in chromium chromium-browser google-chrome; do
    if command -v "$name" >/dev/null 2>&1; then
        browser=$name
        break
    fi
done
if [[ -z $browser ]]; then
    echo "$0: chromium is not installed; install it with: apt-get install chromium" >&2
    exit 1
fi

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
python=$repo/.venv/bin/python
[[ -x $python ]] || python=python3

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

case $input in
    *.eml)
        html=$work/digest.html
        "$python" -c '
import email, email.policy, sys
with open(sys.argv[1], "rb") as f:
    message = email.message_from_binary_file(f, policy=email.policy.default)
part = message.get_body(("html",))
if part is None:
    sys.exit(sys.argv[1] + ": the message has no text/html part")
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write(part.get_content())
' "$input" "$html"
        ;;
    *.html | *.htm)
        html=$input
        ;;
    *)
        echo "$0: $input: expected an .eml or .html file" >&2
        exit 2
        ;;
esac

# A file:// URL, with any space or other special character in the path escaped.
url=$("$python" -c 'import pathlib, sys; print(pathlib.Path(sys.argv[1]).resolve().as_uri())' "$html")

# Chromium writes the PNG relative to its own working directory: give it an absolute path.
case $out in
    /*) target=$out ;;
    *) target=$PWD/$out ;;
esac
mkdir -p "$(dirname "$target")"
rm -f "$target"

# --no-sandbox: needed when run as root or in a container without user namespaces. Only local
# files are loaded; the digest has no scripts or remote resources.
# A private profile in $work, so a running browser's profile is neither used nor locked.
"$browser" --headless --disable-gpu --no-sandbox --hide-scrollbars --disable-dev-shm-usage \
    --no-first-run --user-data-dir="$work/profile" \
    --window-size="$width,$height" --screenshot="$target" "$url" \
    >"$work/chromium.log" 2>&1 || true

if [[ ! -s $target ]]; then
    echo "$0: chromium wrote no screenshot; its output:" >&2
    cat "$work/chromium.log" >&2
    exit 1
fi
echo "$target (${width}x${height})"
