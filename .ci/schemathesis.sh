#!/usr/bin/env bash
# Runs schemathesis (from PyPI) against a live `gridwatch serve`, with the committed
# OpenAPI document (Sources/GridwatchServe/openapi.json, served at /openapi.json), once
# with an intake key and once with an agency key. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d /tmp/gw-schemathesis.XXXXXX)
serve_pid=""
cleanup() {
  [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

venv=${SCHEMATHESIS_VENV:-/tmp/gw-schemathesis-venv}
if [ ! -x "$venv/bin/schemathesis" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "schemathesis==4.32.5"
fi

gw=.build/debug/gridwatch
chmod 700 "$work"
me=$(id -un)
key_hash() { printf %s "$1" | sha256sum | cut -c1-64; }
cat > "$work/access.toml" <<EOF
[[grant]]
user = "$me"
role = "admin"
unit = "*"

[[grant]]
user = "$me"
role = "lead"
unit = "*"

[[key]]
name = "ci-intake"
sha256 = "$(key_hash ci-intake-key)"
role = "intake"
unit = "210200"

[[key]]
name = "ci-housing"
sha256 = "$(key_hash ci-housing-key)"
role = "agency"
agency = "housing"
EOF
chmod 600 "$work/access.toml"
export GRIDWATCH_ACCESS="$work/access.toml"

"$gw" init --store "$work/store" --sample dalian >/dev/null
# One order for the agency, so its routes meet a real one as well as missing ones.
n=$("$gw" raise --store "$work/store" --unit 210202001001 --category hazard.building --level orange --title 外墙瓷砖脱落)
"$gw" case accept "$n" --store "$work/store" >/dev/null
"$gw" case dispatch "$n" --to agency:housing --store "$work/store" >/dev/null

"$gw" serve --store "$work/store" --listen 127.0.0.1:0 --rate-limit 0 --max-wait 1 2>"$work/serve.log" &
serve_pid=$!
for _ in $(seq 1 100); do
  grep -q 'serving on' "$work/serve.log" 2>/dev/null && break
  sleep 0.1
done
port=$(grep -o 'serving on 127.0.0.1:[0-9]*' "$work/serve.log" | cut -d: -f2)
[ -n "$port" ] || { echo "gridwatch serve did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }
base="http://127.0.0.1:$port"

status=0
# schemathesis keeps a cache in the directory it runs from: run it from the scratch one.
repo=$PWD
cd "$work"
for key in ci-intake-key ci-housing-key; do
  echo "schemathesis against $base as ${key%-key}"
  "$venv/bin/schemathesis" --config-file "$repo/.ci/schemathesis.toml" run "$base/openapi.json" --url "$base" \
    -H "Authorization: Bearer $key" --max-examples "${SCHEMATHESIS_EXAMPLES:-40}" --seed 1 || status=1
done

cd "$repo"
kill -TERM "$serve_pid"
wait "$serve_pid" || { echo "gridwatch serve did not stop cleanly on SIGTERM" >&2; status=1; }
serve_pid=""
if grep -q 'status=5' "$work/serve.log"; then
  echo "gridwatch serve answered a 5xx:" >&2
  grep 'status=5' "$work/serve.log" | head -5 >&2
  status=1
fi
"$gw" verify --store "$work/store" >/dev/null || { echo "the store does not verify after schemathesis" >&2; status=1; }
exit $status
