#!/usr/bin/env bash
# Builds the libFuzzer harnesses (Sources/gridwatch-fuzz) with -sanitize=fuzzer,address
# and runs each target for SECONDS (default 60). Seeds come from Tests/Fuzz/corpus/TARGET;
# new inputs go to a scratch copy, crashes to .build-fuzz/artifacts/. Exit 1 on a finding.
#   Tests/Fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(record envelope intake theme config sanitize snapshot)

swift build --scratch-path .build-fuzz --product gridwatch-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING >/dev/null
# A private copy, so a rebuild never touches a running fuzzer's executable.
bin=.build-fuzz/gridwatch-fuzz-$$
cp .build-fuzz/debug/gridwatch-fuzz "$bin"
trap 'rm -f "$bin"' EXIT
mkdir -p .build-fuzz/artifacts .build-fuzz/corpus
status=0
for t in "${targets[@]}"; do
  work=.build-fuzz/corpus/$t
  mkdir -p "$work"
  cp -n Tests/Fuzz/corpus/$t/* "$work/" 2>/dev/null || true
  echo "== $t: ${seconds}s"
  extra=()
  asan=""
  # TOMLKit's TOMLTable.keys leaks the C++ key array it returns (third-party, a few KB
  # per parse): leak reports would stop these targets at the first input, and at exit.
  case $t in theme|config) extra=(-detect_leaks=0); asan=detect_leaks=0 ;; esac
  if ! ASAN_OPTIONS=$asan GW_FUZZ_TARGET=$t "$bin" "$work" "${extra[@]}" -max_total_time="$seconds" -max_len=70000 -timeout=10 \
       -artifact_prefix=.build-fuzz/artifacts/$t- -print_final_stats=1 2> .build-fuzz/$t.log; then
    echo "FINDING in $t: see .build-fuzz/$t.log and .build-fuzz/artifacts/" >&2
    tail -30 .build-fuzz/$t.log >&2
    status=1
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" .build-fuzz/$t.log || true
done
exit $status
