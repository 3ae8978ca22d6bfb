#!/usr/bin/env bash
# Smoke test of the real window: starts briefbook (no arguments: the sample brief) under
# Xvfb with Mesa's software OpenGL, takes a screenshot and checks that it is not blank.
#
#   bash scripts/screenshot.sh [OUT.png]     # default: target/screenshot.png
#
# Installs xvfb, libgl1-mesa-dri, imagemagick and x11-utils with apt-get when missing.
# BRIEFBOOK_BIN picks the binary (default: target/debug/briefbook, built if needed);
# BRIEFBOOK_ARGS are passed to it (e.g. "open other.toml").
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/screenshot.png}"
bin="${BRIEFBOOK_BIN:-target/debug/briefbook}"

need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v import >/dev/null || need+=(imagemagick)
command -v xwininfo >/dev/null || need+=(x11-utils)
[ -e /usr/lib/x86_64-linux-gnu/dri/swrast_dri.so ] || [ -e /usr/lib/x86_64-linux-gnu/dri/llvmpipe_dri.so ] \
  || ls /usr/lib/*/dri/*swrast* >/dev/null 2>&1 || need+=(libgl1-mesa-dri)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
[ -x "$bin" ] || cargo build -q --bin briefbook

work="$(mktemp -d)"
# Xvfb picks a free display and writes its number to fd 3 once it accepts connections
# (on a busy machine that can take a while).
Xvfb -displayfd 3 -screen 0 1440x900x24 -nolisten tcp 3>"$work/display" >"$work/xvfb.log" 2>&1 &
xvfb=$!
app=""
cleanup() {
  [ -n "$app" ] && kill "$app" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 600); do
  [ -s "$work/display" ] && break
  kill -0 "$xvfb" 2>/dev/null || break
  sleep 0.1
done
if [ ! -s "$work/display" ]; then
  echo "Xvfb did not start:" >&2
  cat "$work/xvfb.log" >&2
  exit 1
fi
display=":$(head -n1 "$work/display")"
for _ in $(seq 100); do
  DISPLAY="$display" xwininfo -root >/dev/null 2>&1 && break
  sleep 0.2
done

# A fresh home: no remembered window, no recovery file from a real session.
DISPLAY="$display" HOME="$work" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" \
  XDG_CACHE_HOME="$work/cache" LIBGL_ALWAYS_SOFTWARE=1 WAYLAND_DISPLAY= \
  "$bin" ${BRIEFBOOK_ARGS:-} >"$work/app.log" 2>&1 &
app=$!
found=""
for _ in $(seq 120); do
  if ! kill -0 "$app" 2>/dev/null; then
    echo "briefbook exited early:" >&2
    cat "$work/app.log" >&2
    exit 1
  fi
  if DISPLAY="$display" xwininfo -root -tree 2>/dev/null | grep -q "briefbook"; then
    found=1
    break
  fi
  sleep 0.5
done
if [ -z "$found" ]; then
  echo "no briefbook window appeared" >&2
  cat "$work/app.log" >&2
  exit 1
fi
# Let the corpus load, the brief be checked and the first page be painted.
sleep 6
mkdir -p "$(dirname "$out")"
DISPLAY="$display" import -window root "$out"
colours=$(convert "$out" -format "%k" info:)
spread=$(convert "$out" -colorspace Gray -format "%[fx:standard_deviation]" info:)
echo "screenshot: $out ($colours colours, grey spread $spread)"
if [ "$colours" -lt 64 ] || awk -v s="$spread" 'BEGIN { exit !(s < 0.05) }'; then
  echo "the screenshot looks blank" >&2
  exit 1
fi
