#!/usr/bin/env bash
# Measures Edge4j against llama.cpp's llama-bench on the same model and thread count, alternating
# the two round by round (so both see the same machine load) and printing medians and ratios.
#
# Usage: llm/bench/compare-llama-bench.sh LLAMA_BENCH MODEL.gguf [ROUNDS] [THREADS] [PROMPT] [GEN]
#   LLAMA_BENCH  path of a llama-bench binary
#   defaults: 5 rounds, 2 threads, -p 512, -n 128; each round runs each tool with 3 repetitions
#   EDGE4J_WARMUP  untimed runs of each Edge4j test first (default 5): llama-bench runs one, but
#                  the JIT compiles the kernels over the first ~150 generated tokens, and a
#                  single 32-token warm-up would time that compilation instead of the kernels
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 LLAMA_BENCH MODEL.gguf [ROUNDS] [THREADS] [PROMPT] [GEN]" >&2
  exit 2
fi
LLAMA_BENCH="$1"
MODEL="$2"
ROUNDS="${3:-5}"
THREADS="${4:-2}"
P="${5:-512}"
N="${6:-128}"
WARMUP="${EDGE4J_WARMUP:-5}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

ours_pp=(); ours_tg=(); theirs_pp=(); theirs_tg=()
run_llama() {
  local csv
  csv="$("$LLAMA_BENCH" -m "$MODEL" -p "$P" -n "$N" -t "$THREADS" -r 3 -o csv 2>/dev/null)"
  theirs_pp+=("$(echo "$csv" | awk -F'","' -v p="$P" 'NR>1 && $(NF-7)==p {print $(NF-1)}')")
  theirs_tg+=("$(echo "$csv" | awk -F'","' -v n="$N" 'NR>1 && $(NF-6)==n {print $(NF-1)}')")
}
run_ours() {
  local out
  out="$("$ROOT/bin/edge4j" llm bench "$MODEL" -p "$P" -n "$N" -t "$THREADS" -r 3 --warmup "$WARMUP" 2>/dev/null)"
  ours_pp+=("$(echo "$out" | sed -n "s/^pp${P}_tps=//p")")
  ours_tg+=("$(echo "$out" | sed -n "s/^tg${N}_tps=//p")")
  echo "$out" | grep -E '^(rss_bytes|model_file_bytes|kv_cache_bytes|weights_per_token_bytes|huge_page_bytes)=' >&2 || true
}
for r in $(seq 1 "$ROUNDS"); do
  if [ $((r % 2)) -eq 1 ]; then run_llama; run_ours; else run_ours; run_llama; fi
  echo "round $r: llama.cpp pp${P}=${theirs_pp[-1]} tg${N}=${theirs_tg[-1]}  edge4j pp${P}=${ours_pp[-1]} tg${N}=${ours_tg[-1]}  (load $(cut -d' ' -f1 /proc/loadavg))" >&2
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
spread() { printf '%s\n' "$@" | sort -g | awk 'NR==1{min=$1} {max=$1} END {print min ".." max}'; }
mp_o=$(median "${ours_pp[@]}"); mt_o=$(median "${ours_tg[@]}")
mp_l=$(median "${theirs_pp[@]}"); mt_l=$(median "${theirs_tg[@]}")
echo "model=$(basename "$MODEL") threads=$THREADS rounds=$ROUNDS edge4j_warmup=$WARMUP"
echo "llamacpp_pp${P}_tps=$mp_l ($(spread "${theirs_pp[@]}"))"
echo "edge4j_pp${P}_tps=$mp_o ($(spread "${ours_pp[@]}"))"
echo "llamacpp_tg${N}_tps=$mt_l ($(spread "${theirs_tg[@]}"))"
echo "edge4j_tg${N}_tps=$mt_o ($(spread "${ours_tg[@]}"))"
awk -v a="$mp_o" -v b="$mp_l" -v c="$mt_o" -v d="$mt_l" -v p="$P" -v n="$N" \
  'BEGIN {printf "pp%s_ratio=%.2f\ntg%s_ratio=%.2f\n", p, a / b, n, c / d}'
