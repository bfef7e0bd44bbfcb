#!/usr/bin/env bash
# Builds the fuzz targets and runs them one after another (the machine has
# two cores), each for FUZZ_SECONDS (default 600). New inputs go to a scratch
# corpus under fuzz/target/work/; afterwards each target's committed corpus
# fuzz/corpus/<target>/ is replaced by a greedy set cover of the committed
# and scratch corpora, so it stays a few hundred small files. Crashes are
# written to fuzz/artifacts/<target>/ and make the script exit 1.
#
#   fuzz/run.sh                       # all three targets, 10 minutes each
#   FUZZ_SECONDS=60 fuzz/run.sh markdown
set -euo pipefail
cd "$(dirname "$0")"
secs=${FUZZ_SECONDS:-600}
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(seed_import toml_loaders markdown)
# cargo-fuzz passes -Zsanitizer=address; this lets the stable toolchain take it.
export RUSTC_BOOTSTRAP=1
cargo fuzz build
bin=target/x86_64-unknown-linux-gnu/release
failed=()
for t in "${targets[@]}"; do
  mkdir -p "target/work/$t" "artifacts/$t"
  echo "== $t: ${secs}s"
  if ! "$bin/$t" -max_total_time="$secs" -max_len=8192 -timeout=10 -print_final_stats=1 \
      -dict="dicts/$t.dict" -artifact_prefix="artifacts/$t/" \
      "target/work/$t" "corpus/$t" >"target/run-$t.log" 2>&1; then
    failed+=("$t")
  fi
  grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)|^stat::|panicked|^SUMMARY' "target/run-$t.log" || true
  rm -rf "target/merged/$t" && mkdir -p "target/merged/$t"
  "$bin/$t" -merge=1 -set_cover_merge=1 -use_counters=0 -max_len=8192 \
    "target/merged/$t" "corpus/$t" "target/work/$t" >"target/merge-$t.log" 2>&1
  rm -f "corpus/$t"/* && cp "target/merged/$t"/* "corpus/$t/"
  echo "corpus/$t: $(ls "corpus/$t" | wc -l) files"
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "crashed: ${failed[*]} (see fuzz/target/run-<target>.log and fuzz/artifacts/)"
  exit 1
fi
