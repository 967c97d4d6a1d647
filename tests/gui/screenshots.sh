#!/bin/sh
# Screenshots of every console page in English and Japanese, under Xvfb (a real X server, so
# fonts and styles are those of a desktop), into docs/screenshots/<lang>/.
# Usage: tests/gui/screenshots.sh [BUILD_DIR]   (default: build)
# Needs the packages xvfb, xauth and fonts-noto-cjk (scripts/debian-packages.txt).
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$here/build}
program=$build/tests/gui/kura_screenshots
if [ ! -x "$program" ]; then
    echo "screenshots.sh: $program is not built (cmake --build $build --target kura_screenshots)" >&2
    exit 1
fi
out=$here/docs/screenshots
rm -rf "$out/en" "$out/ja"
# A fixed zone and locale make the pictures comparable between runs.
TZ=${TZ:-Asia/Tokyo} LANG=C.UTF-8 QT_QPA_PLATFORM=xcb \
    xvfb-run -a -s "-screen 0 1400x900x24 -dpi 96" "$program" "$out"
echo "screenshots in $out"
