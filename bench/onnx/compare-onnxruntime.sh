#!/usr/bin/env bash
# The engine's latency table against ONNX Runtime: every catalog model of the speed bar, at 1 and
# 2 threads, each in one process that takes turns between Edge4j and ONNX Runtime (`onnx bench
# --compare onnxruntime`). Prints one line per model and thread count: both medians, their spread,
# the ratio and both peak memories.
#
# Usage: bench/onnx/compare-onnxruntime.sh [RUNS] [WARMUP]
#   RUNS    timed runs of each engine (default 40)
#   WARMUP  untimed runs of each engine first; by default 1500 for the image models and 200 for
#           MiniLM, a few seconds of each engine: the JIT goes on compiling for the first few hundred
#           runs of a 2 ms model, and a compilation that overlaps the timed runs takes a core
#           from them (fr_detect at 2 threads: p90 2.3 ms after 100 warm-up runs, 1.9 after 1500)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${1:-40}"
WARMUP="${2:-}"
E4J="$ROOT/bin/edge4j"

# name, catalog model, default warm-up runs, extra options
CASES=(
  "fr_feature|fr_feature|1500|"
  "fr_detect|fr_detect|1500|"
  "blazeface-front|blazeface-front|1500|"
  "minilm-fp32|minilm-l6-v2|200|--dim batch_size=1 --dim sequence_length=128"
  "minilm-int8|minilm-l6-v2-int8|200|--dim batch_size=1 --dim sequence_length=128"
)

printf '%-16s %7s %22s %22s %7s %s\n' model threads "edge4j ms (p10..p90)" "onnxruntime ms" ratio "peak memory"
for c in "${CASES[@]}"; do
  IFS='|' read -r name model warmup extra <<<"$c"
  warmup="${WARMUP:-$warmup}"
  file="$("$E4J" models path "$model" 2>/dev/null)"
  for t in 1 2; do
    # shellcheck disable=SC2086
    out="$("$E4J" onnx bench "$file" --threads "$t" --runs "$RUNS" --warmup "$warmup" --compare onnxruntime $extra 2>/dev/null)"
    ours="$(echo "$out" | sed -n 's/^edge4j  *median \([0-9.]*\) ms (p10 \([0-9.]*\), p90 \([0-9.]*\).*/\1 (\2..\3)/p')"
    theirs="$(echo "$out" | sed -n 's/^onnxruntime  *median \([0-9.]*\) ms (p10 \([0-9.]*\), p90 \([0-9.]*\).*/\1 (\2..\3)/p')"
    ratio="$(echo "$out" | sed -n 's/.*ratio=\([0-9.]*\)$/\1/p')"
    memory="$(echo "$out" | sed -n 's/^peak memory of a run: //p')"
    printf '%-16s %7s %22s %22s %7s %s\n' "$name" "$t" "$ours" "$theirs" "$ratio" "$memory"
  done
done
