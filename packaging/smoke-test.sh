#!/usr/bin/env bash
# Runs the PACKAGED PiRack launcher headless and fails (non-zero) if any step fails. Proves that the
# jlinked runtime carries every module the app needs, TLS and SSH crypto included.
#
#   packaging/smoke-test.sh [LAUNCHER]
#
# LAUNCHER defaults to the app-image built by `./mvnw -Ppackage package`
# (Linux: target/jpackage/dist/PiRack/bin/PiRack; macOS: .../PiRack.app/Contents/MacOS/PiRack).
# Without a DISPLAY on Linux it starts its own Xvfb (apt-get install xvfb) and stops it at the end.
# Steps whose subcommand the app does not have yet (`pirack help <cmd>` fails) are skipped, loudly.
set -uo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
case "$(uname -s)" in
  Darwin) default_launcher="$root/target/jpackage/dist/PiRack.app/Contents/MacOS/PiRack" ;;
  *) default_launcher="$root/target/jpackage/dist/PiRack/bin/PiRack" ;;
esac
launcher="${1:-$default_launcher}"
[ -x "$launcher" ] || { echo "smoke-test: no launcher at $launcher (build it: ./mvnw -Ppackage package)" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/pirack-smoke.XXXXXX")"
xvfb_pid="" app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

failures=0 passed=0 skipped=0
now_ms() {
  if [ -n "${EPOCHREALTIME:-}" ]; then local t="${EPOCHREALTIME/[.,]/}"; echo $((t / 1000)); else echo $(($(date +%s) * 1000)); fi
}
pass() { passed=$((passed + 1)); printf 'PASS  %-10s %6d ms  %s\n' "$1" "$2" "$3"; }
fail() { failures=$((failures + 1)); printf 'FAIL  %-10s %6d ms  %s\n' "$1" "$2" "$3"; sed 's/^/      | /' "$4" | tail -25; }
skip() { skipped=$((skipped + 1)); printf 'SKIP  %-10s %s\n' "$1" "$2"; }

# run NAME TIMEOUT_S CMD...: runs the launcher with a time limit; output in $work/NAME.out.
with_timeout() {
  if command -v timeout >/dev/null; then timeout --kill-after=10 "$@"; else shift; "$@"; fi
}
run() {
  local name="$1" limit="$2"; shift 2
  local start; start="$(now_ms)"
  with_timeout "$limit" "$launcher" "$@" >"$work/$name.out" 2>&1
  status=$?
  elapsed=$(($(now_ms) - start))
}
has_command() { "$launcher" help "$1" >/dev/null 2>&1; }

# A display for the JavaFX steps: the caller's, or a private Xvfb on Linux.
if [ "$(uname -s)" = Linux ] && [ -z "${DISPLAY:-}" ]; then
  if command -v Xvfb >/dev/null; then
    Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
    xvfb_pid=$!
    for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done  # Xvfb writes its number when ready
    [ -s "$work/display" ] || { echo "smoke-test: Xvfb did not start:" >&2; cat "$work/xvfb.log" >&2; exit 2; }
    export DISPLAY=":$(cat "$work/display")"
  else
    echo "smoke-test: no DISPLAY and no Xvfb (apt-get install xvfb): JavaFX steps will fail" >&2
  fi
fi
echo "smoke-test: $launcher (DISPLAY=${DISPLAY:-none})"

# 1. --version: the launcher starts and the jar's manifest carries the pom's version.
run version 60 --version
if [ $status = 0 ] && grep -Eq '^PiRack [0-9]+\.[0-9]+' "$work/version.out"; then
  pass version "$elapsed" "$(head -1 "$work/version.out")"
else
  fail version "$elapsed" "exit $status, expected 'PiRack <version>'" "$work/version.out"
fi

# 2. --help: cold start to the CLI's first output.
run help 60 --help
if [ $status = 0 ] && grep -q '^Usage: pirack' "$work/help.out"; then
  pass help "$elapsed" "usage printed (cold start to --help)"
else
  fail help "$elapsed" "exit $status, expected the usage text" "$work/help.out"
fi

# 3. selfcheck: TLS to the embedded API server with a verified certificate, SunEC, SSH crypto.
run selfcheck 120 selfcheck
if [ $status = 0 ] && [ "$(grep -c '^ok ' "$work/selfcheck.out")" -ge 6 ]; then
  pass selfcheck "$elapsed" "$(grep -c '^ok ' "$work/selfcheck.out") checks: TLS to the embedded API, SunEC, SSH kex + signatures"
else
  fail selfcheck "$elapsed" "exit $status" "$work/selfcheck.out"
fi

# 4. snapshot: the rehearsal rack rendered offscreen to a PNG (cold start to first frame).
if has_command snapshot; then
  png="$work/snapshot.png"
  # A fresh HOME shows JavaFX loads its natives from the app, not from ~/.openjfx/cache.
  mkdir -p "$work/home"
  HOME="$work/home" run snapshot 180 snapshot --sim --out "$png"
  magic="$(head -c 8 "$png" 2>/dev/null | od -An -tx1 | tr -d ' \n')"
  if [ $status = 0 ] && [ "$magic" = 89504e470d0a1a0a ]; then
    pass snapshot "$elapsed" "$(wc -c <"$png" | tr -d ' ') byte PNG (cold start to first frame)"
  else
    fail snapshot "$elapsed" "exit $status, PNG magic '${magic:-none}'" "$work/snapshot.out"
  fi
  if [ -d "$work/home/.openjfx" ]; then
    fail natives 0 "JavaFX unpacked natives into ~/.openjfx instead of loading them from the app" /dev/null
  fi
else
  skip snapshot "the app has no 'snapshot' command yet (pirack help snapshot fails)"
fi

# 5. drill: a whole failover drill on the rehearsal rack.
if has_command drill; then
  run drill 300 drill --sim --node rpi3
  if [ $status = 0 ]; then
    pass drill "$elapsed" "$(tail -1 "$work/drill.out")"
  else
    fail drill "$elapsed" "exit $status" "$work/drill.out"
  fi
else
  skip drill "the app has no 'drill' command yet (pirack help drill fails)"
fi

# 6. gui: the window comes up with the packaged runtime (GTK glass, prism, natives) and stays up.
#    With xwininfo (x11-utils) it also times the cold start until the "PiRack" window is on screen.
gui_seconds=15
start="$(now_ms)"
"$launcher" --sim >"$work/gui.out" 2>&1 &
app_pid=$!
alive=yes window_ms=""
for _ in $(seq $((gui_seconds * 10))); do
  kill -0 "$app_pid" 2>/dev/null || { alive=no; break; }
  if [ -z "$window_ms" ] && command -v xwininfo >/dev/null \
      && xwininfo -root -tree 2>/dev/null | grep -q '"PiRack"'; then
    window_ms=$(($(now_ms) - start))
  fi
  sleep 0.1
done
# Judged on what the app printed while it ran: SIGTERM runs JavaFX's own shutdown hook, which stops
# the renderer while the FX thread may still be in a pulse, and JavaFX then prints a
# RejectedExecutionException from QuantumRenderer (seen once in session 5 at load ~18; not the app's).
cp "$work/gui.out" "$work/gui.running.out"
kill "$app_pid" 2>/dev/null
wait "$app_pid" 2>/dev/null
app_pid=""
elapsed=$(($(now_ms) - start))
# An uncaught exception, a printed one, or a log line at ERROR (DEBUG chatter may name exceptions).
if [ $alive = yes ] && ! grep -Eq '^Exception in thread|^Caused by: |^[A-Za-z0-9_.$]+(Exception|Error)(: |$)| ERROR ' "$work/gui.running.out"; then
  pass gui "$elapsed" "window up for ${gui_seconds} s without an exception${window_ms:+ (on screen after $window_ms ms)}"
else
  fail gui "$elapsed" "the app exited early or logged an exception" "$work/gui.running.out"
fi

echo "smoke-test: $passed passed, $skipped skipped, $failures failed"
[ $failures = 0 ]
