// The dynamic bridge (napi-java/java) beside @JsExport's generated glue and java-bridge, per
// synchronous call of the same static methods (BridgeTarget: noop, add, echo), timed the way
// jmh/bridge/run.mjs times java-bridge: the median of 3 rounds after a warm-up, in ns per call.
//
// Build first (mvn -q -B package -DskipTests; npm install --prefix jmh/bridge for java-bridge), then
//   node jmh/dynamic.mjs [--quick]
// Prints a table and writes jmh/target/dynamic.json.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const JAR = here('target/napi-java-jmh.jar');
const quick = process.argv.includes('--quick');
const ms = quick ? 200 : 1000;

const { load } = require(here('../loader/index.js'));
const { classpathSync } = require(here('../loader/java.js'));
const exported = load(JAR).jsexport;
const Target = classpathSync([JAR]).importClass('dev.napijava.jmh.BridgeTarget');

const text10 = 'abcdefghij';
const text10k = text10.repeat(1000);
const impls = {
  dynamic: {
    noop: () => Target.noop(),
    add: () => Target.add(1.5, 2.5),
    echo10: () => Target.echo(text10),
    echo10k: () => Target.echo(text10k),
  },
  jsexport: {
    noop: () => exported.noop(),
    add: () => exported.add(1.5, 2.5),
    echo10: () => exported.echo(text10),
    echo10k: () => exported.echo(text10k),
  },
};
for (const op of Object.keys(impls.dynamic)) {
  const results = Object.values(impls).map((impl) => String(impl[op]()));
  if (new Set(results).size !== 1) throw new Error(`${op}: the implementations disagree: ${results.join(' / ')}`);
}

/** Nanoseconds per call: the median of 3 rounds of about `ms` each, after a warm-up. */
function perCall(op) {
  const timeRound = () => {
    let calls = 0;
    const started = process.hrtime.bigint();
    const until = started + BigInt(ms) * 1_000_000n;
    let now = started;
    while (now < until) {
      for (let i = 0; i < 100; i++) op();
      calls += 100;
      now = process.hrtime.bigint();
    }
    return Number(now - started) / calls;
  };
  timeRound();
  return [timeRound(), timeRound(), timeRound()].sort((a, b) => a - b)[1];
}

const rows = [];
for (const [impl, ops] of Object.entries(impls)) {
  for (const [op, call] of Object.entries(ops)) rows.push({ op, impl, value: Number(perCall(call).toPrecision(4)), unit: 'ns/op' });
}
if (existsSync(here('bridge/node_modules/java-bridge'))) {
  const child = spawnSync(process.execPath, [here('bridge/run.mjs'), JAR, ...(quick ? ['--quick'] : [])], { encoding: 'utf8' });
  const parsed = child.status === 0 ? JSON.parse(child.stdout) : [];
  rows.push(...parsed.filter((row) => row.unit === 'ns/op').map((row) => ({ ...row, value: Number(row.value.toPrecision(4)) })));
} else {
  console.error('java-bridge is not installed: run `npm install --prefix jmh/bridge --no-audit --no-fund` to include it');
}

const value = (op, impl) => rows.find((row) => row.op === op && row.impl === impl)?.value;
console.log('| op | dynamic | @JsExport | java-bridge | dynamic vs @JsExport | java-bridge vs dynamic |');
console.log('|---|---|---|---|---|---|');
for (const op of Object.keys(impls.dynamic)) {
  const [d, e, b] = ['dynamic', 'jsexport', 'java-bridge'].map((impl) => value(op, impl));
  const ratio = (x, y) => (x && y ? `${(x / y).toFixed(2)}x` : '');
  console.log(`| ${op} | ${d} ns | ${e} ns | ${b ? `${b} ns` : 'n/a'} | ${ratio(d, e)} | ${ratio(b, d)} |`);
}
writeFileSync(here('target/dynamic.json'), `${JSON.stringify(rows, null, 2)}\n`);
process.exit(0);
