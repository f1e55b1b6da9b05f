#!/bin/sh
# Renders images/icon.svg to images/icon.png (256×256, transparent corners) with headless Chromium.
# Run by hand after editing the SVG; the PNG is committed because vsce needs a PNG icon.
set -eu
cd "$(dirname "$0")/.."
html="$(mktemp --suffix=.html)"
trap 'rm -f "$html"' EXIT
printf '<html><body style="margin:0;background:transparent">%s</body></html>' "$(cat images/icon.svg)" > "$html"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --default-background-color=00000000 \
  --window-size=256,256 --screenshot="$PWD/images/icon.png" "file://$html" 2>/dev/null
ls -l images/icon.png
