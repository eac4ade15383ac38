// The side-by-side comparison, in one run: napi-java, a plain C Node-API addon (baseline.c),
// pure JS, and java-bridge (in a process of its own). Per-call costs are measured by JMH inside
// this Node process, on the JS thread; throughput, start-up and memory by timing here.
// Every value is the median of at least 3 rounds.
//
// Build first (mvn -q -B package -DskipTests), then:
//   node jmh/compare.mjs            full run (several minutes)
//   node jmh/compare.mjs --quick    short rounds, to check that everything works
//   node jmh/compare.mjs --quick --only=noop,add,echo10    only these per-call rows (no
//                                   throughput, start-up or java-bridge rows)
//   node jmh/compare.mjs --startup  only the start-up and memory rows (no JMH, no throughput)
//   node jmh/compare.mjs --only=noop --prof=gc    also a JMH profiler (gc: bytes allocated per
//                                   call, as gc.alloc.rate.norm in JMH's output)
// Writes jmh/target/compare.json, jmh/target/compare.md and JMH's jmh/target/jmh-result.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const LOADER = here('../loader/index.js');
const JAR = here('target/napi-java-jmh.jar');
const BASELINE = here('target/baseline.node');
const USAGE = `usage: node jmh/compare.mjs [--quick] [--only=<op>,...] [--startup] [--prof=<profiler>]
  --quick          short rounds, to check that everything works
  --only=ops       only these per-call rows (no throughput, start-up or java-bridge rows)
  --startup        only the start-up and memory rows (no JMH, no throughput)
  --prof=name      also a JMH profiler (gc: bytes allocated per call)`;
const { values: options } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    startup: { type: 'boolean', default: false },
    prof: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
const { quick, only, prof } = options;
const startupOnly = options.startup; // only the start-up and memory rows

const { load } = require(LOADER);
const c = require(BASELINE);
const java = load(JAR);

const CALLS = 1000; // Targets.CALLS: JS calls per loop in CallBenchmarks
const BUFFERS = 100; // BufferBenchmarks.BUFFERS: 1 MB Buffers made per loop
const MB = 1 << 20;
const MB_SOURCE = Buffer.alloc(MB, 1);
const js = {
  noop() {},
  add: (a, b) => a + b,
  echo: (text) => text,
  callback: (fn) => fn(),
  objectCreate: () => ({ a: 1, b: 'two', c: true }),
  objectRead: (object) => object.a + object.b + object.c,
  Counter: class Counter {
    #start;
    constructor(start) { this.#start = start; }
    plus(n) { return this.#start + n; }
  },
  bufferCopy: (size) => Buffer.from(MB_SOURCE.subarray(0, size)),
  bufferExternal: (size) => Buffer.allocUnsafeSlow(size),
  f64Sum(array) {
    let sum = 0;
    for (let i = 0; i < array.length; i++) sum += array[i];
    return sum;
  },
};
const impls = { c, 'napi-java': java, js };
for (const target of Object.values(impls)) target.counter = new target.Counter(1); // a wrapped object (class_method)
const data = {
  s10: 'abcdefghij',
  s10k: 'abcdefghij'.repeat(1000),
  cb: () => 1,
  object: { a: 1, b: 2, c: 3 },
  f64: Float64Array.from({ length: 10_000_000 }, (_, i) => i % 7),
  mb: MB,
};
const ops = {
  noop: ['noop', 'f()', CALLS],
  add: ['add', 'f(i, 0.5)', CALLS],
  echo10: ['echo', 'f(d.s10)', CALLS],
  echo10k: ['echo', 'f(d.s10k)', CALLS],
  callback: ['callback', 'f(d.cb)', CALLS],
  object_create: ['objectCreate', 'f()', CALLS],
  object_read: ['objectRead', 'f(d.object)', CALLS],
  f64_sum: ['f64Sum', 'f(d.f64)', 1],
  class_method: ['counter', 'f.plus(i)', CALLS], // a method call on a wrapped object
  class_create: ['Counter', 'new f(i)', CALLS], // a loop makes 1,000 instances; a score is per instance
  buffer_copy_1mb: ['bufferCopy', 'f(d.mb)', BUFFERS],
  buffer_external_1mb: ['bufferExternal', 'f(d.mb)', BUFFERS],
};

// One loop function per (op, impl), compiled separately so that V8 sees one callee per loop.
// The tag makes each loop's source text unique: V8 shares one compiled function and its type
// feedback between `new Function`s of the same source, and a call site fed every
// implementation's function is optimized for none of them (seen as whole phases of rows running
// at half speed, a different implementation's in each run).
const loopOf = (f, call, count, tag) =>
  new Function('f', 'd', `return function loop() { /* ${tag} */ for (let i = 0; i < ${count}; i++) ${call}; };`)(f, data);
const callOnce = (f, call) => new Function('f', 'd', 'i', `return ${call};`)(f, data, 1);
const loops = {};
for (const [op, [name, call, count]] of Object.entries(ops)) {
  for (const [impl, target] of Object.entries(impls)) loops[`${op}:${impl}`] = loopOf(target[name], call, count, `${op}:${impl}`);
}
// noop, add, the echoes, callback and object_read through @JsExport's generated glue and through
// bare FFM upcalls (the floor of any FFM addon: FloorOperations); VariantBenchmarks measures them
// beside the lambda form's loops above.
const VARIANT_OPS = ['noop', 'add', 'echo10', 'echo10k', 'callback', 'object_read'];
const variants = { jsexport: java.jsexport, ffm: java.ffm };
for (const op of VARIANT_OPS) {
  const [name, call, count] = ops[op];
  const lambda = String(callOnce(java[name], call));
  for (const [impl, target] of Object.entries(variants)) {
    loops[`${op}:${impl}`] = loopOf(target[name], call, count, `${op}:${impl}`);
    const result = String(callOnce(target[name], call));
    if (result !== lambda) throw new Error(`${op}: ${impl} and the lambda disagree: ${result} / ${lambda}`);
  }
}
// The dynamic bridge (napi-java/java): BridgeTarget's static methods through importClass, the
// counterpart of java-bridge's rows; DynamicBenchmarks measures them beside @JsExport.
const DYNAMIC_OPS = ['noop', 'add', 'echo10', 'echo10k'];
const dynamic = require(here('../loader/java.js')).classpathSync([JAR]).importClass('dev.napijava.jmh.BridgeTarget');
for (const op of DYNAMIC_OPS) {
  const [name, call, count] = ops[op];
  loops[`${op}:dynamic`] = loopOf(dynamic[name], call, count, `${op}:dynamic`);
  const [result, lambda] = [String(callOnce(dynamic[name], call)), String(callOnce(java[name], call))];
  if (result !== lambda) throw new Error(`${op}: the dynamic bridge and the lambda disagree: ${result} / ${lambda}`);
}
for (const [op, [name, call]] of Object.entries(ops)) {
  const describe = (r) => (Buffer.isBuffer(r) ? `Buffer(${r.length})` // buffers: contents differ
    : r !== null && typeof r === 'object' ? `object with keys [${Object.keys(r)}]` : String(r));
  const results = Object.keys(impls).map((impl) => describe(callOnce(impls[impl][name], call)));
  if (new Set(results).size !== 1) throw new Error(`${op}: the implementations disagree: ${results.join(' / ')}`);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rows = [];
const add = (op, impl, value, unit) => rows.push({ op, impl, value: Number(value.toPrecision(4)), unit });

// 3. Start-up (from require to the first call returning) and the resident memory it adds, each
// the median of STARTS fresh processes; run first, while this process is small (after JMH and
// the throughput rounds, forking npm from it can fail with ENOMEM). napi-java as users get it: its package tarball (npm pack of
// loader/) installed into an empty folder, the per-user AOT cache made by `napi-java aot` (in a
// cache folder of this run), and an addon with one function (StartupAddon), the counterpart of
// java-bridge's importClass + noopSync. Also the whole benchmark addon from the repository's
// loader/ (startup_repo), and the floors: a plain `java` process with an AOT cache of its own that
// calls BridgeTarget.noop() and exits (StartupFloor), and one that also does the FFM work of a
// one-function addon (StartupFfmFloor).
const BRIDGE = here('bridge/run.mjs');
const withBridge = existsSync(here('bridge/node_modules/java-bridge'));
if (!only) {
const STARTS = 5;
/** One fresh Node process: {ms, mb} from `require` to the first call returning. */
function startOnce(requireAndCall, env = process.env) {
  const source = `
    const rss0 = process.memoryUsage().rss;
    const t0 = performance.now();
    ${requireAndCall}
    const ms = performance.now() - t0;
    console.log(JSON.stringify({ ms, mb: (process.memoryUsage().rss - rss0) / 2 ** 20 }));`;
  const child = spawnSync(process.execPath, ['-e', source], { encoding: 'utf8', env });
  if (child.status !== 0) throw new Error(`start-up run failed: ${child.stderr}`);
  return JSON.parse(child.stdout);
}
/** Runs a command for the start-up measurement; throws with its output when it fails. */
function setUp(command, args, options) {
  const child = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (child.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${child.error ?? ''}${child.stdout}${child.stderr}`);
  return child.stdout;
}
/** java-bridge's start-up in a fresh process (bridge/run.mjs --startup), or undefined when it cannot run. */
function bridgeStartOnce() {
  const child = spawnSync(process.execPath, [BRIDGE, JAR, '--startup'], { encoding: 'utf8', timeout: 60_000 });
  const [ms, mb] = child.status === 0 ? JSON.parse(child.stdout) : [];
  return ms && { ms: ms.value, mb: mb.value };
}
const INSTALL = mkdtempSync(path.join(os.tmpdir(), 'napi-java-startup-'));
try {
  const [packed] = JSON.parse(setUp('npm', ['pack', '--json', '--pack-destination', INSTALL], { cwd: path.dirname(LOADER) }));
  writeFileSync(path.join(INSTALL, 'package.json'), '{ "name": "startup", "private": true }\n');
  setUp('npm', ['install', '--no-audit', '--no-fund', path.join(INSTALL, packed.filename)], { cwd: INSTALL });
  const installed = path.join(INSTALL, 'node_modules', 'napi-java');
  const env = { ...process.env, NAPI_JAVA_CACHE_DIR: path.join(INSTALL, 'cache') };
  setUp(process.execPath, [path.join(installed, 'bin', 'napi-java.js'), 'aot'], { env });
  const javaBin = path.join(require(LOADER).findJavaHome(), 'bin', 'java');
  // The floors: java with an AOT cache of its own, spawn to exit, and the whole process's RSS at
  // its end; the JVM alone (StartupFloor), and with the FFM work of a one-function FFM addon
  // (StartupFfmFloor).
  const floors = { floor: 'StartupFloor', ffmFloor: 'StartupFfmFloor' };
  const floorArgs = {};
  for (const [key, main] of Object.entries(floors)) {
    const cache = path.join(INSTALL, `${key}.aot`);
    const args = ['--enable-native-access=ALL-UNNAMED', '-cp', JAR, `dev.napijava.jmh.${main}`];
    setUp(javaBin, [`-XX:AOTCacheOutput=${cache}`, '-Xlog:aot=error', '-Xlog:cds=error', ...args]);
    floorArgs[key] = [`-XX:AOTCache=${cache}`, ...args];
  }
  const runs = { installed: [], repo: [], c: [], bridge: [], floor: [], ffmFloor: [] };
  for (let round = 0; round < STARTS; round++) { // interleaved, so that the machine's swings hit each alike
    runs.installed.push(startOnce(`require(${JSON.stringify(installed)}).load(${JSON.stringify(JAR)}, { addon: 'dev.napijava.jmh.StartupAddon' }).noop();`, env));
    const bridgeRun = withBridge && bridgeStartOnce();
    if (bridgeRun) runs.bridge.push(bridgeRun);
    runs.repo.push(startOnce(`require(${JSON.stringify(LOADER)}).load(${JSON.stringify(JAR)}).noop();`));
    runs.c.push(startOnce(`require(${JSON.stringify(BASELINE)}).noop();`));
    for (const key of Object.keys(floors)) {
      const started = process.hrtime.bigint();
      const kb = Number(setUp(javaBin, floorArgs[key]).trim()); // its whole resident memory at the end
      runs[key].push({ ms: Number(process.hrtime.bigint() - started) / 1e6, mb: kb ? kb / 1024 : undefined });
    }
  }
  // rss: the row of the memory figures (what napi-java and java-bridge add to Node's, or a
  // floor's whole process).
  const rowsOf = (op, impl, list, rss = op.replace('startup', 'rss_added')) => {
    if (list.length === 0) return;
    add(op, impl, median(list.map((r) => r.ms)), 'ms');
    if (list[0].mb !== undefined) add(rss, impl, median(list.map((r) => r.mb)), 'MB');
  };
  rowsOf('startup', 'napi-java', runs.installed);
  rowsOf('startup', 'c', runs.c);
  rowsOf('startup', 'java-bridge', runs.bridge);
  rowsOf('startup', 'jvm-floor', runs.floor, 'rss_process');
  rowsOf('startup', 'ffm', runs.ffmFloor, 'rss_process');
  rowsOf('startup_repo', 'napi-java', runs.repo);
} finally {
  rmSync(INSTALL, { recursive: true, force: true });
}
}

// 4. java-bridge, in a process of its own (npm install --prefix jmh/bridge first); before JMH,
// for the same reason as the start-up rows.
if (withBridge && !startupOnly && !only) {
  const child = spawnSync(process.execPath, [BRIDGE, JAR, ...(quick ? ['--quick'] : [])], { encoding: 'utf8', timeout: 600_000 });
  const bridgeRows = child.status === 0 ? JSON.parse(child.stdout) : [];
  for (const row of bridgeRows) if (!['startup', 'rss_added'].includes(row.op)) add(row.op, row.impl, row.value, row.unit);
  if (bridgeRows.length === 0) {
    console.error(`java-bridge run failed:\n${child.stderr}`);
  }
} else if (!withBridge && !only) {
  console.error('java-bridge is not installed: run `npm install --prefix jmh/bridge --no-audit --no-fund` to include it');
}

// 1. Per-call costs: JMH inside this process.
const jmhArgs = quick
  ? ['-wi', '1', '-w', '200ms', '-i', '3', '-r', '200ms']
  : ['-wi', '3', '-w', '1s', '-i', '5', '-r', '1s'];
jmhArgs.push('-rf', 'json', '-rff', here('target/jmh-result.json'));
if (only) {
  jmhArgs.push('-p', `op=${only}`, 'CallBenchmarks');
  if (only.split(',').every((op) => VARIANT_OPS.includes(op))) jmhArgs.push('VariantBenchmarks');
  if (only.split(',').every((op) => DYNAMIC_OPS.includes(op))) jmhArgs.push('DynamicBenchmarks');
}
if (prof) jmhArgs.push('-prof', prof);
// VariantBenchmarks measures the lambda again beside @JsExport and the floor: 'lambda-beside'.
// DynamicBenchmarks measures @JsExport again beside the dynamic bridge: 'jsexport-beside'.
const implOf = (row) => (row.benchmark === 'VariantBenchmarks' && row.impl === 'napi-java' ? 'lambda-beside'
  : row.benchmark === 'DynamicBenchmarks' && row.impl === 'jsexport' ? 'jsexport-beside' : row.impl);
if (!startupOnly) for (const row of java.run(loops, jmhArgs)) add(row.op, implOf(row), row.median, 'ns/op');

// 2. Throughput: threadsafe function and channel messages, async tasks.
if (!only) {
async function rate(count, run) {
  const values = [];
  for (let round = 0; round < 3; round++) {
    const started = process.hrtime.bigint();
    const delivered = await run();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (delivered !== count) throw new Error(`expected ${count} deliveries, got ${delivered}`);
    values.push(count / seconds);
  }
  return median(values);
}
if (!startupOnly) {
const MESSAGES = quick ? 120_000 : 1_200_000; // divisible by 1, 2 and 4
const TASKS = quick ? 10_000 : 20_000; // below AsyncTask's limit of pending tasks (32,768 with a 512 MB heap)
const noop = () => {};
for (const threads of [1, 2, 4]) {
  const per = MESSAGES / threads;
  await rate(MESSAGES, () => c.tsfnRun(threads, per, noop)); // warm-up
  await rate(MESSAGES, () => java.tsfnRun(threads, per, noop));
  await rate(MESSAGES, () => java.channelRun(threads, per, noop));
  add(`tsfn_${threads}t`, 'c', await rate(MESSAGES, () => c.tsfnRun(threads, per, noop)), 'ops/s');
  add(`tsfn_${threads}t`, 'napi-java', await rate(MESSAGES, () => java.tsfnRun(threads, per, noop)), 'ops/s');
  add(`channel_${threads}t`, 'c', await rate(MESSAGES, () => c.tsfnRun(threads, per, noop)), 'ops/s');
  add(`channel_${threads}t`, 'napi-java', await rate(MESSAGES, () => java.channelRun(threads, per, noop)), 'ops/s');
}
// Async iteration: items per second through for await, a Java producer thread's iterable
// (AsyncIterables) beside a plain JS async generator, and each through Readable.from; bytes
// per second of a Readable over a Java InputStream beside one pushing the same chunks in JS.
const ITEMS = quick ? 200_000 : 1_000_000;
const STREAM_BYTES = (quick ? 128 : 1024) * MB;
const CHUNK = 64 * 1024; // a fresh Buffer per chunk on both sides, as a file or socket stream makes
async function* jsItems(count) {
  for (let i = 0; i < count; i++) yield 0;
}
const countItems = async (iterable) => {
  let n = 0;
  for await (const item of iterable) n += item === 0 ? 1 : 0;
  return n;
};
const jsReadable = (total) => {
  let left = total;
  return new Readable({
    highWaterMark: CHUNK,
    read() {
      if (left <= 0) { this.push(null); return; }
      left -= CHUNK;
      this.push(Buffer.allocUnsafe(CHUNK));
    },
  });
};
const countBytes = async (readable) => {
  let n = 0;
  for await (const chunk of readable) n += chunk.length;
  return n;
};
for (const [op, impl, count, run] of [
  ['async_iterator', 'js', ITEMS, () => countItems(jsItems(ITEMS))],
  ['async_iterator', 'napi-java', ITEMS, () => countItems(java.iterable(ITEMS))],
  ['readable_from', 'js', ITEMS, () => countItems(Readable.from(jsItems(ITEMS)))],
  ['readable_from', 'napi-java', ITEMS, () => countItems(Readable.from(java.iterable(ITEMS)))],
  ['readable_bytes', 'js', STREAM_BYTES, () => countBytes(jsReadable(STREAM_BYTES))],
  ['readable_bytes', 'napi-java', STREAM_BYTES, () => countBytes(java.readable(STREAM_BYTES))],
]) {
  await rate(count, run); // warm-up
  const perSecond = await rate(count, run);
  if (op === 'readable_bytes') add(op, impl, perSecond / MB, 'MB/s'); else add(op, impl, perSecond, 'ops/s');
}
await rate(TASKS, () => c.asyncRun(TASKS));
await rate(TASKS, () => java.asyncRun(TASKS, false));
await rate(TASKS, () => java.asyncRun(TASKS, true));
add('async_tasks', 'c', await rate(TASKS, () => c.asyncRun(TASKS)), 'ops/s');
add('async_tasks', 'napi-java', await rate(TASKS, () => java.asyncRun(TASKS, false)), 'ops/s');
add('async_tasks_vt', 'napi-java', await rate(TASKS, () => java.asyncRun(TASKS, true)), 'ops/s');
}

}

// 5. Results: JSON rows and a Markdown table of ratios to C.
writeFileSync(here('target/compare.json'), JSON.stringify(rows, null, 2) + '\n');
const value = (op, impl) => rows.find((r) => r.op === op && r.impl === impl);
const cell = (row) => (row ? `${row.value} ${row.unit}` : '');
const ratio = (op, impl) => {
  const [mine, base] = [value(op, impl), value(op, 'c')];
  if (!mine || !base) return '';
  const better = mine.unit === 'ops/s' ? mine.value / base.value : base.value / mine.value;
  return mine.unit === 'ops/s' ? `${better.toFixed(2)}x C's rate` : `${(1 / better).toFixed(2)}x C's cost`;
};
const beside = (op) => {
  const [typed, lambda] = [value(op, 'jsexport'), value(op, 'lambda-beside')];
  return typed && lambda ? `${(typed.value / lambda.value).toFixed(2)}x the lambda's cost` : '';
};
const lines = [
  `Node ${process.version}, Java ${java.javaVersion ?? ''} (JMH inside Node), ${os.cpus().length} × ${os.cpus()[0].model}, ${os.platform()} ${os.release()}${quick ? ' — QUICK RUN' : ''}`,
  '',
  '| op | C | FFM floor | napi-java | napi-java @JsExport | JS | java-bridge | FFM floor vs C | napi-java vs C | @JsExport vs C | java-bridge vs C | @JsExport vs lambda, side by side |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
];
const isStartup = (op) => /^(startup|rss_)/.test(op);
for (const op of [...new Set(rows.map((r) => r.op))].sort((a, b) => isStartup(a) - isStartup(b))) {
  lines.push(`| ${op} | ${cell(value(op, 'c'))} | ${cell(value(op, 'ffm'))} | ${cell(value(op, 'napi-java'))} | ${cell(value(op, 'jsexport'))} | ${cell(value(op, 'js'))} | ${cell(value(op, 'java-bridge'))} | ${ratio(op, 'ffm')} | ${ratio(op, 'napi-java')} | ${ratio(op, 'jsexport')} | ${ratio(op, 'java-bridge')} | ${beside(op)} |`);
}
if (DYNAMIC_OPS.some((op) => value(op, 'dynamic'))) {
  lines.push('', '| op | dynamic bridge | @JsExport beside it | java-bridge | dynamic vs @JsExport | java-bridge vs dynamic |', '|---|---:|---:|---:|---:|---:|');
  for (const op of DYNAMIC_OPS) {
    const [mine, typed, bridge] = [value(op, 'dynamic'), value(op, 'jsexport-beside'), value(op, 'java-bridge')];
    if (!mine) continue;
    const times = (a, b) => (a && b ? `${(a.value / b.value).toFixed(2)}x` : '');
    lines.push(`| ${op} | ${cell(mine)} | ${cell(typed)} | ${cell(bridge)} | ${times(mine, typed)} | ${times(bridge, mine)} |`);
  }
}
const [start, bridgeStart, floorStart, ffmStart] = ['napi-java', 'java-bridge', 'jvm-floor', 'ffm'].map((impl) => value('startup', impl));
if (start && bridgeStart && floorStart && ffmStart) {
  const [mb, bridgeMb, ffmMb] = [value('rss_added', 'napi-java'), value('rss_added', 'java-bridge'), value('rss_process', 'ffm')];
  const times = (floor) => `${(start.value / floor.value).toFixed(2)}x`;
  lines.push('', `Start-up from the installed tarball: napi-java ${start.value} ms = ${times(bridgeStart)} java-bridge's ` +
    `${bridgeStart.value} ms, ${times(floorStart)} the JVM floor's ${floorStart.value} ms (java with an AOT cache), ` +
    `${times(ffmStart)} the FFM floor's ${ffmStart.value} ms (the same with the FFM work of a one-function addon; ` +
    `the FFM floor is ${(ffmStart.value / bridgeStart.value).toFixed(2)}x java-bridge's); ` +
    `RSS added ${mb.value} MB = ${(mb.value / bridgeMb.value).toFixed(2)}x java-bridge's ${bridgeMb.value} MB` +
    (ffmMb ? `, ${(mb.value / ffmMb.value).toFixed(2)}x the FFM floor's whole process (${ffmMb.value} MB).` : '.'));
}
writeFileSync(here('target/compare.md'), lines.join('\n') + '\n');
console.log(lines.join('\n'));
