import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { JAR, LOADER, loadTopic, nextUncaughtException, runChild } from './support.mjs';

const tsfn = loadTopic('Threadsafe');

/** Collects callback calls until `count` arrived. */
function collect(count) {
  const calls = [];
  let done;
  const finished = new Promise((resolve) => { done = resolve; });
  const callback = (...args) => {
    calls.push(args);
    if (calls.length === count) done(calls);
  };
  return { callback, finished };
}

test('monitorSystemResources reports five readings as (err, value), in order', async () => {
  const { callback, finished } = collect(5);
  tsfn.monitorSystemResources(callback);
  assert.deepEqual(await finished, [[null, 40], [null, 45], [null, 50], [null, 55], [null, 60]]);
});

test('startFileWatcher delivers (filename, size) for three files, in order', async () => {
  const { callback, finished } = collect(3);
  tsfn.startFileWatcher(callback);
  assert.deepEqual(await finished, [['config.json', 1024], ['data.csv', 2048], ['index.html', 512]]);
});

test('downloadFileWithProgress reports 0, 20, 40 and then a DownloadException at 60%', async () => {
  const { callback, finished } = collect(4);
  tsfn.downloadFileWithProgress('https://example.com/file.zip', callback);
  const calls = await finished;
  assert.deepEqual(calls.slice(0, 3), [[null, 0], [null, 20], [null, 40]]);
  const [error] = calls[3];
  assert.ok(error instanceof Error);
  assert.match(error.message, /failed at 60%/);
  assert.equal(error.code, 'ERR_DOWNLOAD_FAILED');
  assert.equal(error.javaClass, 'dev.napijava.tests.Threadsafe$DownloadException');
});

test('a strong function keeps Node alive until it is released', () => {
  const child = runChild(`
    import { createRequire } from 'node:module';
    const { load } = createRequire(import.meta.url)(${JSON.stringify(LOADER)});
    const addon = load(process.env.NAPI_JAVA_TEST_JAR, { addon: 'dev.napijava.tests.Threadsafe' });
    addon.strongUntil(300, (m) => console.log('called:', m));
    addon.refUnref((m) => console.log('called:', m));`);
  assert.equal(child.status, 0, child.stderr);
  assert.match(child.stdout, /called: released/);
  assert.match(child.stdout, /called: after ref/);
});

test('four producer threads: every call arrives, and each thread\'s calls stay in order', async () => {
  const last = new Map();
  let outOfOrder = 0;
  let calls = 0;
  const delivered = await tsfn.produce(4, 2000, (thread, seq) => {
    calls++;
    if (last.has(thread) && last.get(thread) !== seq - 1) outOfOrder++;
    last.set(thread, seq);
  });
  assert.equal(delivered, 8000);
  assert.equal(calls, 8000);
  assert.equal(outOfOrder, 0);
  assert.deepEqual([...last.keys()].sort(), [0, 1, 2, 3]);
  assert.ok([...last.values()].every((seq) => seq === 1999));
});

test('offer() refuses calls once the queue is full', () => {
  let called = 0;
  assert.equal(tsfn.offerUntilFull(5, () => { called++; }), 5);
  assert.equal(tsfn.offerUntilFull(1, () => { called++; }), 1);
});

test('put() on the JS thread with a full queue throws at once instead of waiting forever', () => {
  assert.equal(tsfn.putOnJsThread(4, 4, () => {}), 4);
  assert.throws(() => tsfn.putOnJsThread(4, 5, () => {}), /WOULD_DEADLOCK|would wait forever/);
});

test('abort drops queued calls: they never run, later calls throw CLOSING, futures fail', async () => {
  const calls = [];
  const outcome = await tsfn.abortQueued((v) => calls.push(v));
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepEqual(outcome, ['closed=true', 'offer: CLOSING', 'call: CLOSING']);
  assert.deepEqual(calls, []);
});

test('releasing more often than held throws', () => {
  assert.throws(() => tsfn.releaseTwice(() => {}), /already released/);
});

test('call() returns the JS result to Java, awaiting a returned Promise', async () => {
  assert.deepEqual(await tsfn.callForResult((v) => v * 2, 21), { value: 42 });
  assert.deepEqual(await tsfn.callForResult(async (v) => `${v}!`, 'hi'), { value: 'hi!' });
  assert.deepEqual(await tsfn.callForResult(() => ({ a: [1, 'b'] }), null), { value: { a: [1, 'b'] } });
});

test('a JS throw inside the callback fails the future of call() with JsException', async () => {
  const outcome = await tsfn.callForResult(() => { throw new TypeError('bad payload'); }, 1);
  assert.match(outcome.failure, /^JsException: TypeError: bad payload/);
  const rejected = await tsfn.callForResult(() => Promise.reject(new Error('async no')), 1);
  assert.match(rejected.failure, /^JsException: Error: async no/);
});

test('a JS throw inside a fire-and-forget call is an uncaught exception in Node', async () => {
  const error = await nextUncaughtException(() => tsfn.fireAndForget(() => { throw new RangeError('thrown in callback'); }, 1));
  assert.ok(error instanceof RangeError);
  assert.equal(error.message, 'thrown in callback');
});

test('a fire-and-forget throw with no handler ends the script like any uncaught JS error', () => {
  const child = runChild(`
    import { createRequire } from 'node:module';
    const { load } = createRequire(import.meta.url)(${JSON.stringify(LOADER)});
    const addon = load(process.env.NAPI_JAVA_TEST_JAR, { addon: 'dev.napijava.tests.Threadsafe' });
    addon.fireAndForget(() => { throw new Error('nobody catches this'); }, 1);`);
  assert.equal(child.status, 1);
  assert.equal(child.signal, null);
  assert.match(child.stderr, /nobody catches this/);
});

test('wrong arguments are TypeErrors', () => {
  assert.throws(() => tsfn.monitorSystemResources('nope'), { name: 'TypeError', message: /'callback' \(#1\) must be a function, got string/ });
  assert.throws(() => tsfn.startFileWatcher(), { name: 'TypeError', message: /'callback' \(#1\) is missing: expected a function/ });
  assert.throws(() => tsfn.offerUntilFull(-1, () => {}), /maxQueueSize must be >= 0/);
});

test('a worker terminated while Java threads keep calling: producers stop with CLOSING, no crash', async () => {
  const before = tsfn.producers();
  const source = `
    const { parentPort } = require('node:worker_threads');
    const { load } = require(${JSON.stringify(LOADER)});
    const addon = load(${JSON.stringify(JAR)}, { addon: 'dev.napijava.tests.Threadsafe' });
    let calls = 0;
    addon.spam(4, () => { if (++calls === 100) parentPort.postMessage('busy'); });`;
  for (let round = 0; round < 5; round++) {
    const worker = new Worker(source, { eval: true });
    await new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); });
    await worker.terminate();
  }
  const deadline = Date.now() + 10_000;
  let now = tsfn.producers();
  while (now.closed - before.closed < 20 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    now = tsfn.producers();
  }
  assert.equal(now.started - before.started, 20);
  assert.equal(now.closed - before.closed, 20);
});

test('worker terminate() with 80,000 queued call() futures: all fail with CLOSING, no stack traces, release() by holders afterwards does nothing', () => {
  const child = runChild(`
    import { Worker } from 'node:worker_threads';
    import { createRequire } from 'node:module';
    const require = createRequire(import.meta.url);
    const { load } = require(${JSON.stringify(LOADER)});
    const addon = load(process.env.NAPI_JAVA_TEST_JAR, { addon: 'dev.napijava.tests.Threadsafe' });
    const worker = new Worker(\`
      const { parentPort } = require('node:worker_threads');
      const addon = require(${JSON.stringify(LOADER)}).load(process.env.NAPI_JAVA_TEST_JAR, { addon: 'dev.napijava.tests.Threadsafe' });
      let calls = 0;
      addon.callUntilClosed(4, 20000, (i) => {
        const until = Date.now() + 1; while (Date.now() < until); // a slow consumer: calls pile up
        if (++calls === 10) parentPort.postMessage('busy');
        return i;
      });\`, { eval: true, execArgv: [] }); // not the parent's --input-type=module: the source is CommonJS
    await new Promise((resolve) => worker.once('message', resolve));
    while (addon.callOutcomes().made < 80000) await new Promise((resolve) => setTimeout(resolve, 10));
    await worker.terminate();
    let outcomes = addon.callOutcomes();
    while (outcomes.ok + outcomes.closing + outcomes.other.length < outcomes.made || outcomes.released < 4) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      outcomes = addon.callOutcomes();
    }
    console.log(JSON.stringify(outcomes));`);
  assert.equal(child.status, 0, child.stderr);
  const outcomes = JSON.parse(child.stdout);
  console.log(`  terminate(): ${outcomes.made} futures: ${outcomes.ok} ok, ${outcomes.closing} CLOSING; stderr ${child.stderr.length} bytes`);
  assert.deepEqual(outcomes.other, []);
  assert.equal(outcomes.made, 80000);
  assert.equal(outcomes.ok + outcomes.closing, 80000);
  assert.ok(outcomes.closing > 0, 'some calls were still queued at terminate()');
  assert.equal(outcomes.released, 4, 'every holder released after the worker died without an exception');
  assert.ok(child.stderr.split('\n').filter((line) => line.trim()).length <= 1, `stderr:\n${child.stderr.slice(0, 2000)}`);
});

test('process.exit() while Java threads keep calling exits with the expected code (50 runs)', () => {
  const source = `
    import { createRequire } from 'node:module';
    const { load } = createRequire(import.meta.url)(${JSON.stringify(LOADER)});
    const addon = load(process.env.NAPI_JAVA_TEST_JAR, { addon: 'dev.napijava.tests.Threadsafe' });
    let calls = 0;
    addon.spam(4, () => { if (++calls === 50) process.exit(7); });`;
  const codes = [];
  for (let run = 0; run < 50; run++) {
    const child = runChild(source, { timeout: 30_000 });
    codes.push(child.signal ?? child.status);
    if (child.status !== 7) assert.fail(`run ${run}: exit ${child.status} signal ${child.signal}\n${child.stderr}`);
  }
  assert.deepEqual(new Set(codes), new Set([7]));
});
