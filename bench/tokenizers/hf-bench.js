// Times HF tokenizers' own Node binding (the Rust library) on whole documents, single-threaded
// from the caller's view: one encode call per document, each awaited before the next.
// Usage: node hf-bench.js TOKENIZER_JSON ROUNDS WARMUP FILE...
// Prints lines in the same format as `edge4j tokenize --bench`.
'use strict';
const fs = require('fs');
const { Tokenizer } = require('tokenizers');

async function main() {
  const [file, roundsArg, warmupArg, ...docs] = process.argv.slice(2);
  if (!file || docs.length === 0) {
    console.error('usage: node hf-bench.js TOKENIZER_JSON ROUNDS WARMUP FILE...');
    process.exit(2);
  }
  const rounds = parseInt(roundsArg, 10);
  const warmup = parseInt(warmupArg, 10);
  const tok = Tokenizer.fromFile(file);
  tok.disableTruncation();
  tok.disablePadding();
  const texts = docs.map((d) => fs.readFileSync(d, 'utf8'));
  const bytes = docs.reduce((n, d) => n + fs.statSync(d).size, 0);
  const mbs = [];
  let tokens = 0;
  for (let r = 0; r < warmup + rounds; r++) {
    const t0 = process.hrtime.bigint();
    let count = 0;
    for (const t of texts) {
      const e = await tok.encode(t);
      count += e.getLength();
    }
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r >= warmup) {
      mbs.push(bytes / s / 1e6);
      tokens = count;
    }
  }
  const sorted = [...mbs].sort((a, b) => a - b);
  const m = sorted.length;
  const median = m % 2 ? sorted[(m - 1) / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2;
  console.log(`docs=${texts.length} bytes=${bytes} tokens=${tokens} threads=1 rounds=${rounds}`);
  console.log(`round_mb_s=${mbs.map((v) => v.toFixed(2)).join(',')}`);
  console.log(`median_mb_s=${median.toFixed(2)} min_mb_s=${sorted[0].toFixed(2)} max_mb_s=${sorted[m - 1].toFixed(2)}`);
}

main().catch((e) => {
  console.error(`hf-bench: ${e.message}`);
  process.exit(1);
});
