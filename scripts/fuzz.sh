#!/usr/bin/env bash
# Fuzzes one target (or all) for a chosen time with cargo-fuzz (libFuzzer).
#
#   bash scripts/fuzz.sh TARGET [SECONDS]    # one target, default 600 s
#   bash scripts/fuzz.sh all [SECONDS]       # every target in turn
#
# Targets: frontmatter, html, docx, events, brief, tmx, xliff, layout (fuzz/fuzz_targets/).
# Needs cargo-fuzz (`cargo install cargo-fuzz`); only the stable toolchain is assumed, so the
# sanitizer is off (`-s none`) and the build is optimised (`-O`). The first build takes a while.
# Inputs that crash land in fuzz/artifacts/TARGET/; replay one with
#   cargo fuzz run -s none -O TARGET fuzz/artifacts/TARGET/crash-...
# and add it to tests/fuzz_regressions/TARGET/ (tests/fuzz_regressions.rs replays them all).
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
target="${1:?usage: fuzz.sh TARGET|all [SECONDS]}"
seconds="${2:-600}"
targets=(frontmatter html docx events brief tmx xliff layout)
[ "$target" = all ] || targets=("$target")
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  # Seeds: the repository's own files of the kind the target reads.
  seeds=()
  for d in "../tests/fuzz_regressions/$t" "../fuzz/seeds/$t"; do
    [ -d "$d" ] && seeds+=("$d")
  done
  echo "== $t: ${seconds} s"
  cargo fuzz run -s none -O "$t" "corpus/$t" "${seeds[@]}" -- \
    -max_total_time="$seconds" -max_len=16384 -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 2>&1 \
    | grep -E "^(stat::|#[0-9]+ *DONE|==|SUMMARY|Done)" || true
done
