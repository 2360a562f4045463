#!/usr/bin/env bash
# The README's screenshots, drawn by the app itself on the rehearsal rack (`pirack snapshot`), so they
# stay true to the current UI. Commit the PNGs it writes next to this script.
#
#   assets/screenshots/render.sh [LAUNCHER]     # default: the app-image from ./mvnw -Ppackage package
#
# Without a DISPLAY it runs under xvfb-run (apt-get install xvfb).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
launcher="${1:-$root/target/jpackage/dist/PiRack/bin/PiRack}"
[ -x "$launcher" ] || { echo "no launcher at $launcher (build it: ./mvnw -Ppackage package)" >&2; exit 2; }
if ! "$launcher" help snapshot >/dev/null 2>&1; then
  echo "the app has no 'snapshot' command yet: nothing to render" >&2
  exit 1
fi

with_display() {
  if [ "$(uname -s)" = Linux ] && [ -z "${DISPLAY:-}" ]; then
    xvfb-run --auto-servernum --server-args="-screen 0 1920x1080x24" "$@"
  else
    "$@"
  fi
}
with_display "$launcher" snapshot --sim --out "$root/assets/screenshots/rack.png"
echo "wrote $root/assets/screenshots/rack.png"
