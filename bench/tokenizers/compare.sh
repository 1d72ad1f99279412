#!/usr/bin/env bash
# Encode throughput of Edge4j's tokenizers against HF tokenizers (its Node binding, the Rust core)
# on the test corpus, single-threaded, whole documents per call. The two run alternately, several
# times, so that a busy machine slows both alike; the summary gives medians over all rounds.
#
# Usage: bench/tokenizers/compare.sh [TOKENIZER...]   (catalog names; default: the five real ones)
# Env: REPEATS (alternations, default 5), ROUNDS (measured rounds per run, default 3),
#      HF_NODE_DIR (where tokenizers@0.23.2 is installed, default $TMPDIR/edge4j-hf-node).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
REPEATS="${REPEATS:-5}"
ROUNDS="${ROUNDS:-3}"
WARMUP="${WARMUP:-4}"
HF_NODE_DIR="${HF_NODE_DIR:-${TMPDIR:-/tmp}/edge4j-hf-node}"
CORPUS="$ROOT/tokenizers/target/corpus"
TOKENIZERS=("$@")
[ ${#TOKENIZERS[@]} -eq 0 ] && TOKENIZERS=(qwen3-tokenizer llama3_2-tokenizer gemma3-tokenizer llama2-tokenizer minilm-l6-v2-tokenizer)

JDK="$(bin/find-jdk)"
export JAVA_HOME="$JDK"
export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"

# HF's Node binding, installed with npm outside the repository.
if [ ! -d "$HF_NODE_DIR/node_modules/tokenizers" ]; then
  echo "installing tokenizers@0.23.2 (npm) into $HF_NODE_DIR ..." >&2
  mkdir -p "$HF_NODE_DIR"
  npm install --silent --prefix "$HF_NODE_DIR" tokenizers@0.23.2 >&2
fi

# The corpus, written out as one file per document.
if [ ! -d "$CORPUS" ]; then
  mvn -B -q -pl tokenizers -am test-compile >&2
  CP="$ROOT/tokenizers/target/test-classes:$ROOT/tokenizers/target/classes:$ROOT/core/target/classes"
  "$JDK/bin/java" -cp "$CP" dev.edge4j.tokenizers.corpus.Corpus "$CORPUS" "$ROOT" >&2
fi
FILES=("$CORPUS"/*.txt)

bin/edge4j --version >/dev/null
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

printf '%-24s %12s %12s %8s\n' tokenizer edge4j_mb_s hf_mb_s ratio
for name in "${TOKENIZERS[@]}"; do
  path="$(bin/edge4j models path "$name")"
  [ -d "$path" ] && path="$(ls "$path"/*.json | head -1)"
  ours=(); theirs=()
  for ((i = 0; i < REPEATS; i++)); do
    o="$(bin/edge4j tokenize --bench --tokenizer "$path" --warmup "$WARMUP" --rounds "$ROUNDS" "${FILES[@]}" 2>/dev/null \
         | sed -n 's/^round_mb_s=//p' | tr ',' ' ')"
    h="$(NODE_PATH="$HF_NODE_DIR/node_modules" node bench/tokenizers/hf-bench.js "$path" "$ROUNDS" "$WARMUP" "${FILES[@]}" \
         | sed -n 's/^round_mb_s=//p' | tr ',' ' ')"
    ours+=($o); theirs+=($h)
  done
  mo="$(printf '%s\n' "${ours[@]}" | median)"
  mh="$(printf '%s\n' "${theirs[@]}" | median)"
  printf '%-24s %12.2f %12.2f %8.2f   (ours %s | hf %s)\n' "$name" "$mo" "$mh" "$(echo "$mo / $mh" | bc -l)" \
      "$(printf '%s\n' "${ours[@]}" | sort -g | tr '\n' ' ')" "$(printf '%s\n' "${theirs[@]}" | sort -g | tr '\n' ' ')"
done
