#!/usr/bin/env bash
# Regenerates the golden logits that GoldenLogitsTest compares Edge4j with, from a llama.cpp build:
# writes each random-weight test model, evaluates it with llama.cpp's library (F32 KV cache, no flash
# attention), checks llama-quantize writes the same quantized bytes, and prints how Edge4j compares on
# the full logit vectors.
#
# Usage: llm/golden/make-golden.sh LLAMA_CPP_BIN_DIR [CASE_FILTER]
#   LLAMA_CPP_BIN_DIR  a llama.cpp build's bin directory (holding libllama.so and llama-quantize)
#   CASE_FILTER        only cases whose name contains this text, e.g. qwen2-small
set -euo pipefail

if [ $# -lt 1 ] || [ ! -f "$1/libllama.so" ]; then
  echo "usage: $0 LLAMA_CPP_BIN_DIR [CASE_FILTER]  (the directory must hold libllama.so and llama-quantize)" >&2
  exit 2
fi
BIN="$(cd "$1" && pwd)"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
JDK="$(bin/find-jdk)"
export JAVA_HOME="$JDK"
export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"

CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
mvn -B -q -pl llm -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null
CP="llm/target/test-classes:llm/target/classes:gguf/target/classes:core/target/classes:core/target/test-classes:$(cat "$CP_FILE")"

"$JDK/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx6g -cp "$CP" \
    dev.edge4j.llm.reference.GoldenMaker "$BIN" llm/src/test/resources/dev/edge4j/llm/golden "${2:-}"
