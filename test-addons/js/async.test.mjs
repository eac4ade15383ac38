import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { JAR, LOADER, RSS_READABLE, loadTopic, nextUncaughtException, runChild } from './support.mjs';

const async = loadTopic('Async');
const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

test('performAsyncTask in Promise form resolves to 17; the failing twin rejects with message and cause', async () => {
  assert.equal(await async.performAsyncTaskPromise(), 17);
  await assert.rejects(async.performFailingTaskPromise(), (e) => {
    assert.match(e.message, /I am a failing task/);
    assert.equal(e.cause.javaClass, 'java.lang.ArithmeticException');
    assert.match(e.cause.message, /the cause/);
    return true;
  });
});

test('fibonacci(100000) runs as an async task while the JS thread stays free (timers keep firing)', async () => {
  let ticks = 0;
  const timer = setInterval(() => { ticks++; }, 1);
  const started = async.fibonacci(100000);
  const ticksAtCall = ticks;
  const result = await started;
  clearInterval(timer);
  assert.equal(ticksAtCall, 0);
  assert.ok(ticks > 0, 'a timer fired while the task ran');
  let a = 0n;
  let b = 1n;
  for (let i = 0; i < 100000; i++) [a, b] = [b, a + b];
  assert.equal(typeof result, 'bigint');
  assert.equal(result, a);
  assert.equal(result.toString().length, 20899);
  assert.equal(await async.fibonacci(10), 55n);
});

test('bad input: a negative or non-numeric n is a TypeError', () => {
  assert.throws(() => async.fibonacci(-1), { name: 'TypeError', message: /'n' \(#1\) must be a non-negative integer/ });
  assert.throws(() => async.fibonacci('10'), { name: 'TypeError', message: /'n' \(#1\) must be a number, got string/ });
});

test('threadId() caches worker_threads.threadId per env: 0 on the main thread', () => {
  const before = async.threadIdLookups();
  assert.equal(async.threadId(), 0);
  assert.equal(async.threadId(), 0);
  assert.ok(async.threadIdLookups() - before <= 1);
});

const workerSource = `
  const { parentPort, threadId } = require('node:worker_threads');
  const { load } = require(${JSON.stringify(LOADER)});
  const addon = load(${JSON.stringify(JAR)}, { addon: 'dev.napijava.tests.Async' });
  parentPort.once('message', async () => {
    const counts = [addon.count(), addon.count(), addon.count()];
    parentPort.postMessage({ threadId, seen: addon.threadId(), again: addon.threadId(), counts, task: await addon.performAsyncTaskPromise() });
  });`;

test('the addon in the main thread and 8 workers at once: each env has its own state and threadId', async () => {
  const mainBefore = async.count();
  const workers = Array.from({ length: 8 }, () => new Worker(workerSource, { eval: true }));
  const replies = await Promise.all(workers.map((worker) => new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.postMessage('go');
  })));
  await Promise.all(workers.map((worker) => worker.terminate()));
  for (const reply of replies) {
    assert.equal(reply.seen, reply.threadId);
    assert.equal(reply.again, reply.threadId);
    assert.deepEqual(reply.counts, [1, 2, 3]);
    assert.equal(reply.task, 17);
  }
  assert.equal(new Set(replies.map((r) => r.threadId)).size, 8);
  assert.equal(async.count(), mainBefore + 1);
});

test('an addon loaded only inside a worker works', () => {
  const child = runChild(`
    import { Worker } from 'node:worker_threads';
    const worker = new Worker(${JSON.stringify(workerSource)}, { eval: true, execArgv: [] });
    worker.once('message', (reply) => { console.log(JSON.stringify(reply)); worker.terminate(); });
    worker.postMessage('go');`);
  assert.equal(child.status, 0, child.stderr);
  const reply = JSON.parse(child.stdout);
  assert.equal(reply.seen, reply.threadId);
  assert.deepEqual(reply.counts, [1, 2, 3]);
});

test('50 rounds of worker create and terminate with tasks and promises in flight: no crash, bounded state', async () => {
  const source = `
    const { parentPort } = require('node:worker_threads');
    const { load } = require(${JSON.stringify(LOADER)});
    const addon = load(${JSON.stringify(JAR)}, { addon: 'dev.napijava.tests.Async' });
    addon.count();
    addon.sleepTask(30, true); addon.sleepTask(30, false); addon.resolveLater('late', 20);
    load(${JSON.stringify(JAR)}, { addon: 'dev.napijava.tests.Seeds' }).scheduleNotification(10, () => {}); addon.fibonacci(20000); addon.futureLater(1, 15);
    addon.withProgress(100, () => {}, true);
    parentPort.postMessage('busy');`;
  const baseline = async.envStates().open;
  let rssAtTen = 0;
  for (let round = 0; round < 50; round++) {
    const worker = new Worker(source, { eval: true });
    await new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); });
    await worker.terminate();
    if (round === 9) rssAtTen = process.memoryUsage().rss;
  }
  // Tasks of terminated workers finish and are dropped; a host may tear a worker down after its
  // terminate() resolved (Deno does), so wait for the last env's state to close.
  let states = async.envStates();
  for (let waited = 0; states.open !== baseline && waited < 10_000; waited += 50) {
    await tick(50);
    states = async.envStates();
  }
  assert.equal(states.open, baseline, 'every worker\'s per-env state was closed with its env');
  const growth = (process.memoryUsage().rss - rssAtTen) / 2 ** 20;
  if (RSS_READABLE) assert.ok(growth < 100, `RSS grew ${growth.toFixed(1)} MB over 40 rounds`); // RSS reads 0 under qemu-user
});

test('tasks on Java threads (the default) leave libuv\'s pool free: fs work completes while 8 long tasks run', async () => {
  let tasksDone = false;
  const tasks = Promise.all(Array.from({ length: 8 }, () => async.sleepTask(1000, true))).then(() => { tasksDone = true; });
  const text = await readFile(new URL(import.meta.url), 'utf8');
  assert.match(text, /virtual threads/);
  assert.equal(tasksDone, false);
  assert.deepEqual(await tasks, undefined);
});

test('cancel() before a task starts rejects it with a CancellationException (libuv pool and executor)', async () => {
  for (const virtual of [false, true]) {
    const [cancelled, ...promises] = async.startAndCancelLast(100, 6, virtual);
    assert.equal(cancelled, true);
    const outcomes = await Promise.allSettled(promises);
    assert.deepEqual(outcomes.slice(0, 5).map((o) => o.value), [100, 100, 100, 100, 100]);
    assert.equal(outcomes[5].status, 'rejected');
    assert.equal(outcomes[5].reason.javaClass, 'java.util.concurrent.CancellationException');
  }
});

test('progress reports reach the JS callback in order, before the outcome (libuv pool and Java threads)', async () => {
  for (const virtual of [false, true]) {
    const seen = [];
    const result = await async.withProgress(50, (step) => seen.push(step), virtual);
    assert.equal(result, 'done');
    assert.deepEqual(seen, Array.from({ length: 50 }, (_, i) => i + 1));
  }
});

test('a throwing task callback is an uncaught exception in Node (libuv pool and Java threads)', async () => {
  for (const virtual of [false, true]) {
    const error = await nextUncaughtException(() => async.taskWithCallback(() => { throw new Error(`callback threw (${virtual})`); }, virtual));
    assert.equal(error.message, `callback threw (${virtual})`);
  }
});

test('progress reported after the work returned throws IllegalStateException and never reaches JS (libuv pool and Java threads)', async () => {
  for (const onJavaThreads of [false, true]) {
    const seen = [];
    const [result, late] = async.lateProgress((value) => seen.push(value), onJavaThreads);
    assert.equal(await result, 'returned');
    assert.equal(await late, 'java.lang.IllegalStateException: progress reported after the task\'s work returned; report while compute() runs');
    await tick(20);
    assert.deepEqual(seen, []);
  }
});

test('process.exit() while long tasks run: exits on Java threads (the default); libuv pool tasks are waited for', () => {
  const exitWhileRunning = (onJavaThreads) => runChild(`
    import { createRequire } from 'node:module';
    const { load } = createRequire(import.meta.url)(${JSON.stringify(LOADER)});
    const addon = load(process.env.NAPI_JAVA_TEST_JAR, { addon: 'dev.napijava.tests.Async' });
    addon.sleepTask(${onJavaThreads ? 600_000 : 3_000}, ${onJavaThreads});
    setTimeout(() => process.exit(5), 50);`, { timeout: 40_000 });
  const javaThreads = exitWhileRunning(true);
  assert.equal(javaThreads.signal, null, 'a 10-minute task on a Java thread did not hold up the exit');
  assert.equal(javaThreads.status, 5, javaThreads.stderr);
  // On libuv's pool the exit waits for the running work, as with a C addon: that is why the
  // pool is an option and not the default. (A 3 s task: the exit completes once it ends.)
  const pool = exitWhileRunning(false);
  assert.equal(pool.status, 5, pool.stderr);
});

test('an executor that refuses a task makes the start throw, and nothing keeps Node alive', () => {
  assert.throws(() => async.refusedTask(), { javaClass: 'java.util.concurrent.RejectedExecutionException' });
  const child = runChild(`
    import { createRequire } from 'node:module';
    const { load } = createRequire(import.meta.url)(${JSON.stringify(LOADER)});
    const addon = load(process.env.NAPI_JAVA_TEST_JAR, { addon: 'dev.napijava.tests.Async' });
    try { addon.refusedTask(); } catch (e) { console.log(e.javaClass); }`, { timeout: 20_000 });
  assert.equal(child.status, 0, child.stderr);
  assert.equal(child.stdout.trim(), 'java.util.concurrent.RejectedExecutionException');
});

test('a Deferred settles from another Java thread', async () => {
  assert.deepEqual(await async.resolveLater({ a: [1, 2] }, 10), { a: [1, 2] });
  await assert.rejects(async.rejectLater('bad thing'), { message: 'bad thing', javaClass: 'java.lang.IllegalArgumentException' });
});

test('a Deferred dropped unsettled is rejected with a clear error', async () => {
  await assert.rejects(async.dropDeferred(), /a Deferred was dropped without being resolved or rejected/);
});

test('a CompletableFuture returned to JS becomes a Promise', async () => {
  assert.equal(await async.futureLater('later', 10), 'later');
  await assert.rejects(async.failedFuture('not today'), { message: 'not today', javaClass: 'java.lang.UnsupportedOperationException' });
});

test('a JS Promise is awaited from Java as a CompletableFuture', async () => {
  assert.equal(await async.awaitAndDouble(Promise.resolve(21)), 42);
  assert.equal(await async.awaitAndDouble(new Promise((resolve) => setTimeout(() => resolve(4), 10))), 8);
  assert.equal(await async.awaitAndDouble(5), 10);
  await assert.rejects(async.awaitAndDouble(Promise.reject(new Error('no number'))), /no number/);
});

test('references released from another thread, or dropped, let the value be collected', () => {
  const child = runChild(`
    import { createRequire } from 'node:module';
    import v8 from 'node:v8';
    import vm from 'node:vm';
    v8.setFlagsFromString('--expose-gc'); // Node 18 refuses --expose-gc in NODE_OPTIONS
    const gc = vm.runInNewContext('gc');
    const { load } = createRequire(import.meta.url)(${JSON.stringify(LOADER)});
    const addon = load(process.env.NAPI_JAVA_TEST_JAR, { addon: 'dev.napijava.tests.Async' });
    const tick = (ms) => new Promise((r) => setTimeout(r, ms));
    async function collected(make) {
      let object = { payload: new Array(1000).fill(1) };
      const weak = new WeakRef(object);
      await make(object);
      object = null;
      for (let i = 0; i < 50 && weak.deref() !== undefined; i++) { await tick(20); gc(); }
      return weak.deref() === undefined;
    }
    const released = await collected((o) => addon.releaseOffThread(o));
    const dropped = await collected((o) => addon.dropRef(o));
    let isAlive;
    const weakOnly = await collected((o) => { isAlive = addon.weakRefAlive(o); });
    console.log(JSON.stringify({ released, dropped, weakOnly, afterwards: isAlive() }));`);
  assert.equal(child.status, 0, child.stderr);
  assert.deepEqual(JSON.parse(child.stdout), { released: true, dropped: true, weakOnly: true, afterwards: false });
});

test('libuv pool: 2,000 tasks each deliver once through batched pool works, at most UV_THREADPOOL_SIZE (4) at once', async () => {
  const [results, most] = await async.manyOnPool(2000, 0);
  assert.equal(results.length, 2000);
  assert.deepEqual([...results].sort((a, b) => a - b), Array.from({ length: 2000 }, (_, i) => i));
  assert.ok(most >= 1 && most <= 4, `at most 4 tasks at once, saw ${most}`);
  const [slow, slowMost] = await async.manyOnPool(12, 20);
  assert.equal(slow.length, 12);
  assert.ok(slowMost <= 4, `at most 4 tasks at once, saw ${slowMost}`);
});

test('a worker terminated with thousands of libuv-pool tasks queued: no crash, no hang, the pool still serves the main thread', async () => {
  const source = `
    const { parentPort } = require('node:worker_threads');
    const { load } = require(${JSON.stringify(LOADER)});
    const addon = load(${JSON.stringify(JAR)}, { addon: 'dev.napijava.tests.Async' });
    addon.manyOnPool(5000, 1);
    setTimeout(() => parentPort.postMessage('busy'), 50);`;
  for (let round = 0; round < 3; round++) {
    const worker = new Worker(source, { eval: true });
    await new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); });
    await worker.terminate();
  }
  const [results] = await async.manyOnPool(100, 0);
  assert.equal(results.length, 100);
});
