// Runs the JMH benchmarks inside this Node process, beside the C baseline addon.
// Build first (mvn -q -B package -DskipTests), then: node jmh/bench.mjs [JMH options, e.g. -wi 3 -i 5]
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const { load } = require('../loader');
const c = require('./target/baseline.node');
const java = load(new URL('target/napi-java-jmh.jar', import.meta.url).pathname);

const CALLS = 1000; // Targets.CALLS
const jsNoop = () => {};
// One loop function per target, so that V8 sees one callee per loop.
const loops = {
  noopJava() { const f = java.noop; for (let i = 0; i < CALLS; i++) f(); },
  noopC() { const f = c.noop; for (let i = 0; i < CALLS; i++) f(); },
  noopJs() { const f = jsNoop; for (let i = 0; i < CALLS; i++) f(); },
  addJava() { const f = java.add; for (let i = 0; i < CALLS; i++) f(i, 1); },
  addC() { const f = c.add; for (let i = 0; i < CALLS; i++) f(i, 1); },
};

const args = process.argv.slice(2);
const rows = java.run(loops, args.length > 0 ? args : ['-wi', '3', '-w', '1s', '-i', '5', '-r', '1s']);
const byName = Object.fromEntries(rows.map((r) => [r.benchmark, r]));
console.log(`\nnapi-java JMH inside Node ${process.version}`);
console.log('| benchmark | ns per call | ± | vs C |');
console.log('|---|---:|---:|---:|');
for (const r of rows) {
  const base = byName[r.benchmark.replace(/(Java|Js)$/, 'C')];
  const ratio = base && base !== r ? `${(r.score / base.score).toFixed(2)}x` : '';
  console.log(`| ${r.benchmark} | ${r.score.toFixed(1)} | ${r.error.toFixed(1)} | ${ratio} |`);
}
writeFileSync(new URL('target/results.json', import.meta.url), JSON.stringify(rows, null, 2));
