#!/usr/bin/env bash
# The demo's HTML page in headless Chromium: it renders with no console message (the page
# has no scripts, so any message is a problem), the dumped DOM holds an SVG element for
# every query and kv head, and a config name containing <script> shows as text. Leaves
# demo-screenshot.png in OUT_DIR for a person to look at. Fails when chromium is missing.
# Usage: html_chromium_test.sh KVCHECK SOURCE_DIR OUT_DIR
set -uo pipefail
kvcheck="$1"
source_dir="$2"
out_dir="$3"

browser="$(command -v chromium || true)"
if [[ -z "$browser" ]]; then
  echo "FAIL: chromium is not installed (scripts/setup.sh installs it)" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# chromium_run LOG ARGS...: one headless run with a fresh profile; stderr goes to LOG.
chromium_run() {
  local log="$1"
  shift
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d "$work/profile.XXXXXX")" --enable-logging=stderr --v=0 \
    "$@" 2>"$log"
}

# check_page NAME HTML N_HEADS N_KV_HEADS: renders HTML and checks its DOM and console.
check_page() {
  local name="$1" html="$2" heads="$3" kv_heads="$4" h
  chromium_run "$work/$name.log" --dump-dom "file://$html" >"$work/$name.dom" ||
    fail "$name: chromium --dump-dom failed"
  if grep -q "CONSOLE" "$work/$name.log"; then
    fail "$name: console messages: $(grep "CONSOLE" "$work/$name.log")"
  fi
  grep -q "</svg>" "$work/$name.dom" || fail "$name: no SVG in the rendered DOM"
  for ((h = 0; h < heads; h++)); do
    grep -q "id=\"q-head-$h\"" "$work/$name.dom" || fail "$name: no element for query head $h"
  done
  grep -q "id=\"q-head-$heads\"" "$work/$name.dom" && fail "$name: an extra query head $heads"
  for ((h = 0; h < kv_heads; h++)); do
    grep -q "id=\"kv-head-$h\"" "$work/$name.dom" || fail "$name: no element for kv head $h"
  done
  if grep -qi "<script" "$work/$name.dom"; then fail "$name: a script element in the DOM"; fi
}

# The default walkthrough, with the screenshot a reviewer looks at.
"$kvcheck" demo --html "$work/default.html" >/dev/null || fail "kvcheck demo --html failed"
check_page default "$work/default.html" 4 2
chromium_run "$work/shot.log" --hide-scrollbars --window-size=1280,2400 \
  --screenshot="$out_dir/demo-screenshot.png" "file://$work/default.html" >/dev/null ||
  fail "chromium --screenshot failed"
if [[ "$(head -c 8 "$out_dir/demo-screenshot.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')" != \
      "89504e470d0a1a0a" ]]; then
  fail "the screenshot is not a PNG"
elif (($(stat -c %s "$out_dir/demo-screenshot.png") < 50000)); then
  fail "the screenshot is nearly empty: nothing rendered?"
fi

# A config whose name carries markup: it must show as text and never run.
"$kvcheck" demo --config "$source_dir/fixtures/demo/script-name.json" --html "$work/hostile.html" \
  >/dev/null || fail "kvcheck demo --config script-name.json --html failed"
check_page hostile "$work/hostile.html" 8 2
grep -q "&lt;script&gt;document.title='pwned'&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt; &amp; co" \
  "$work/hostile.dom" || fail "hostile: the config name is not shown as text"
grep -q "<b>bold</b>" "$work/hostile.dom" && fail "hostile: markup from the config name was parsed"
grep -q "<title>kvcheck demo: " "$work/hostile.dom" ||
  fail "hostile: the page title was changed by the config name"

if ((failures > 0)); then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "demo_html_chromium: all checks passed; screenshot: $out_dir/demo-screenshot.png"
