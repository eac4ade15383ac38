// Soak: mixed load for a while, from several Java threads and worker threads at once, sampling
// resident memory, both heaps and the rates of each kind of traffic every few seconds.
//
// Load (all through the test addons, test-addons/target/test-addons-*.jar):
//   - threadsafe functions: Threadsafe.produce, 3 Java threads each putting 2,000 calls, in a loop;
//   - channel: Channels.sendInOrder, 3 Java threads each sending 2,000 closures, in a loop;
//   - async tasks: batches of 50 Async.performAsyncTaskPromise (default executor) and 50
//     Async.sleepTask(0, true) (virtual threads);
//   - calls: Functions.add from the JS thread, 10,000 per event-loop turn;
//   - 2 workers that run the threadsafe and channel loops of their own all along;
//   - worker churn: a worker that starts Java threads calling it, terminated after 300 ms, again
//     and again.
//
// Build first (mvn -q -B package -DskipTests), then:
//   node jmh/soak.mjs [--seconds 60] [--interval 5] [--no-churn]   (--help)
// Prints a Markdown table (one row per sample) and a summary line.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const LOADER = here('../loader/index.js');
const TARGET = here('../test-addons/target/');
const JAR = TARGET + readdirSync(TARGET).find((name) => /^test-addons-.*\.jar$/.test(name));

const { values: options } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    interval: { type: 'string', default: '5' },
    'no-churn': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (options.help) {
  console.log('usage: node jmh/soak.mjs [--seconds 60] [--interval 5] [--no-churn]\n' +
    '  mixed load for --seconds, sampled every --interval seconds; --no-churn leaves out the worker churn');
  process.exit(0);
}
/** A positive number of seconds from an option, or a usage error. */
function seconds(name) {
  const value = Number(options[name]);
  if (!(value > 0)) {
    console.error(`soak: --${name} must be a positive number of seconds, got ${options[name]}`);
    process.exit(2);
  }
  return value;
}
const SECONDS = seconds('seconds');
const INTERVAL = seconds('interval');

const { load } = require(LOADER);
const topic = (name) => load(JAR, { addon: `dev.napijava.tests.${name}` });
const Threadsafe = topic('Threadsafe');
const Channels = topic('Channels');
const Async = topic('Async');
const Functions = topic('Functions');
const Failures = topic('Failures');

const counts = { tsfn: 0, channel: 0, tasks: 0, calls: 0, workerTsfn: 0, workerChannel: 0, workerCycles: 0, errors: 0 };
let running = true;
const firstErrors = [];
const onError = (error) => {
  counts.errors++;
  if (firstErrors.length < 5) firstErrors.push(String(error?.stack ?? error).split('\n').slice(0, 3).join(' | '));
};

async function loop(body) {
  while (running) {
    try {
      await body();
    } catch (error) {
      onError(error);
    }
  }
}

// A worker running the threadsafe-function and channel loops; reports its counts every 500 ms.
const WORKER = `
  const { parentPort } = require('node:worker_threads');
  const { load } = require(${JSON.stringify(LOADER)});
  const topic = (name) => load(${JSON.stringify(JAR)}, { addon: 'dev.napijava.tests.' + name });
  const Threadsafe = topic('Threadsafe');
  const Channels = topic('Channels');
  const counts = { tsfn: 0, channel: 0 };
  (async () => { for (;;) await Threadsafe.produce(2, 2000, () => { counts.tsfn++; }); })();
  (async () => { for (;;) await Channels.sendInOrder(2, 2000, () => { counts.channel++; }); })();
  setInterval(() => { parentPort.postMessage(counts); counts.tsfn = 0; counts.channel = 0; }, 500);`;

// A worker that starts Java threads calling it, and is terminated while they do.
const CHURN = `
  const { parentPort } = require('node:worker_threads');
  const { load } = require(${JSON.stringify(LOADER)});
  const Threadsafe = load(${JSON.stringify(JAR)}, { addon: 'dev.napijava.tests.Threadsafe' });
  const Channels = load(${JSON.stringify(JAR)}, { addon: 'dev.napijava.tests.Channels' });
  Threadsafe.spam(2, () => {});
  (async () => { for (;;) await Channels.sendInOrder(2, 2000, () => {}); })();
  parentPort.postMessage('started');`;

const workers = [0, 1].map(() => {
  const worker = new Worker(WORKER, { eval: true });
  worker.on('message', (m) => { counts.workerTsfn += m.tsfn; counts.workerChannel += m.channel; });
  worker.on('error', onError);
  return worker;
});

async function churn() {
  const worker = new Worker(CHURN, { eval: true });
  worker.on('error', onError);
  await new Promise((resolve) => worker.once('message', resolve));
  await new Promise((resolve) => setTimeout(resolve, 300));
  await worker.terminate();
  counts.workerCycles++;
}

function calls() {
  return new Promise((resolve) => setImmediate(() => {
    for (let i = 0; i < 10_000; i++) Functions.add(i, 1);
    counts.calls += 10_000;
    resolve();
  }));
}

async function tasks() {
  const batch = [];
  for (let i = 0; i < 50; i++) batch.push(Async.performAsyncTaskPromise(), Async.sleepTask(0, true));
  await Promise.all(batch);
  counts.tasks += batch.length;
}

const mb = (bytes) => (bytes / 1048576).toFixed(0);
const rows = [];
let last = { ...counts };
let lastTime = performance.now();
const started = lastTime;
function sample() {
  const now = performance.now();
  const dt = (now - lastTime) / 1000;
  const rate = (key) => Math.round((counts[key] - last[key]) / dt);
  const memory = process.memoryUsage();
  rows.push({
    t: Math.round((now - started) / 1000),
    rss: mb(memory.rss),
    jsHeap: mb(memory.heapUsed),
    javaHeap: Failures.heapUsedMegabytes(),
    tsfn: rate('tsfn'),
    channel: rate('channel'),
    tasks: rate('tasks'),
    calls: rate('calls'),
    workerTsfn: rate('workerTsfn'),
    workerChannel: rate('workerChannel'),
    cycles: counts.workerCycles,
    errors: counts.errors,
  });
  last = { ...counts };
  lastTime = now;
}

const loops = [
  loop(() => Threadsafe.produce(3, 2000, () => { counts.tsfn++; })),
  loop(() => Channels.sendInOrder(3, 2000, () => { counts.channel++; })),
  loop(tasks),
  loop(calls),
  ...(options['no-churn'] ? [] : [loop(churn)]),
];
const sampler = setInterval(sample, INTERVAL * 1000);
await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
clearInterval(sampler);
running = false;
await Promise.race([Promise.all(loops), new Promise((resolve) => setTimeout(resolve, 10_000))]);
await Promise.all(workers.map((worker) => worker.terminate()));

console.log(`soak: ${SECONDS} s, a sample every ${INTERVAL} s; rates per second; memory in MB (javaHeap: used, not committed)\n`);
console.log('| t (s) | RSS | JS heap | Java heap | tsfn calls | channel msgs | async tasks | JS->Java calls | worker tsfn | worker channel | worker cycles | errors |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.t} | ${r.rss} | ${r.jsHeap} | ${r.javaHeap} | ${r.tsfn} | ${r.channel} | ${r.tasks} | ${r.calls} | ${r.workerTsfn} | ${r.workerChannel} | ${r.cycles} | ${r.errors} |`);
}
const rss = rows.map((r) => Number(r.rss));
console.log(`\nRSS: first sample ${rss[0]} MB, min ${Math.min(...rss)} MB, max ${Math.max(...rss)} MB, last ${rss.at(-1)} MB; `
  + `${counts.workerCycles} worker cycles; ${counts.errors} errors${firstErrors.length ? `: ${firstErrors.join(' || ')}` : ''}`);
process.exit(counts.errors ? 1 : 0);
