#!/usr/bin/env bash
# Renders the PiRack icon from its vector sources. Dev-time only: the PNGs and the .icns are
# committed, so neither the build nor CI needs these tools.
#
#   apt-get install librsvg2-bin icnsutils     # rsvg-convert, png2icns (Debian 12)
#   assets/icon/render.sh
#
# pirack.svg        the icon (1024 grid, macOS rounded square with margin) -> 64 px and up
# pirack-small.svg  the same picture reduced for 16 and 32 px (detail would be mush there)
# Outputs: png/pirack-<size>.png, linux/pirack.png (512, jpackage --icon on Linux and the .deb's
# desktop entry), macos/pirack.icns (jpackage --icon on macOS, also the .dmg volume icon).
set -euo pipefail
cd "$(dirname "$0")"
command -v rsvg-convert >/dev/null || { echo "needs rsvg-convert: apt-get install librsvg2-bin" >&2; exit 1; }
command -v png2icns >/dev/null || { echo "needs png2icns: apt-get install icnsutils" >&2; exit 1; }

mkdir -p png linux macos
for size in 16 32; do
  rsvg-convert --width "$size" --height "$size" pirack-small.svg --output "png/pirack-$size.png"
done
for size in 48 64 128 256 512 1024; do
  rsvg-convert --width "$size" --height "$size" pirack.svg --output "png/pirack-$size.png"
done
cp png/pirack-512.png linux/pirack.png
# icns: 16/32 (is32/il32 + masks), 48 (ih32), 128 (it32), 256 (ic08), 512 (ic09), 1024 (ic10).
png2icns macos/pirack.icns png/pirack-{16,32,48,128,256,512,1024}.png >/dev/null
icns2png --list macos/pirack.icns
