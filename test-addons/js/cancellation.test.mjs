// Cancellation with AbortSignal (Cancellation.java): async tasks and a @JsExport method
// returning a CompletableFuture, aborted before they start, while they run, and after.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { JAR, LOADER, loadTopic } from './support.mjs';

const c = loadTopic('Cancellation');

/** A promise and the function that resolves it. */
function signalled() {
  let resolve;
  const promise = new Promise((r) => { resolve = r; });
  return { promise, resolve };
}

const isAbortError = (e) => e instanceof DOMException && e.name === 'AbortError';

test('AbortSignal: a task aborted while it sleeps rejects with an AbortError and its virtual thread is interrupted', async () => {
  const before = c.counts();
  const controller = new AbortController();
  const started = signalled();
  const promise = c.sleepTask(600_000, controller.signal, 'virtual', started.resolve);
  await started.promise;
  controller.abort();
  await assert.rejects(promise, isAbortError);
  // The interrupt reaches the sleeping thread: wait for its count (no timing involved).
  while (c.counts().interrupted === before.interrupted) await new Promise((r) => setImmediate(r));
  assert.equal(c.counts().completed, before.completed);
});

test('AbortSignal: the rejection is the signal\'s own reason when JS gives one', async () => {
  const controller = new AbortController();
  const started = signalled();
  const promise = c.sleepTask(600_000, controller.signal, 'virtual', started.resolve);
  await started.promise;
  const reason = new Error('the user gave up');
  controller.abort(reason);
  await assert.rejects(promise, (e) => e === reason);
  const primitive = new AbortController();
  const second = c.sleepTask(600_000, primitive.signal);
  primitive.abort('just a string');
  await assert.rejects(second, (e) => e === 'just a string');
});

test('AbortSignal: an already aborted signal rejects at once and the work never starts', async () => {
  const before = c.counts();
  const reason = new Error('too late');
  await assert.rejects(c.sleepTask(10, AbortSignal.abort(reason)), (e) => e === reason);
  await assert.rejects(c.sleepTask(10, AbortSignal.abort(), 'pool'), isAbortError);
  await assert.rejects(c.slowEcho('x', 10, AbortSignal.abort()), isAbortError);
  assert.equal(await c.sleepTask(0), 'slept'); // a later task runs: the counts below are final
  assert.equal(c.counts().started, before.started + 1);
});

test('AbortSignal: aborting a task that has not started cancels it; its work never runs', async () => {
  c.holdGate(); // the executor's one thread is busy until openGate()
  const before = c.counts();
  const controller = new AbortController();
  const promise = c.sleepTask(10, controller.signal, 'gated');
  controller.abort();
  await assert.rejects(promise, isAbortError);
  await c.openGate(); // the executor reaches the cancelled task, and skips it
  assert.equal(c.counts().started, before.started);
});

test('AbortSignal: aborting after the task finished does nothing (no rejection, no error)', async () => {
  const controller = new AbortController();
  assert.equal(await c.sleepTask(0, controller.signal), 'slept');
  controller.abort();
  assert.deepEqual(c.signalState(controller.signal), { aborted: true, reason: controller.signal.reason });
  const fresh = new AbortController();
  const answer = c.quickAnswer(fresh.signal);
  assert.equal(await answer, 42);
  fresh.abort(); // after the Promise settled
  assert.deepEqual(c.signalState(fresh.signal), { aborted: true, reason: fresh.signal.reason });
});

test('AbortSignal: a task on libuv\'s pool is interrupted; the pool thread\'s next tasks are not', async () => {
  const controller = new AbortController();
  const started = signalled();
  const promise = c.sleepTask(600_000, controller.signal, 'pool', started.resolve);
  await started.promise;
  controller.abort();
  await assert.rejects(promise, isAbortError);
  // Eight more tasks take the pool's threads, the interrupted one among them: all sleep through.
  const results = await Promise.all(Array.from({ length: 8 }, () => c.sleepTask(5, undefined, 'pool')));
  assert.deepEqual(results, Array(8).fill('slept'));
});

test('AbortSignal: a task with a callback gets the reason as its error', async () => {
  const controller = new AbortController();
  const done = signalled();
  c.callbackTask(controller.signal, (err, value) => done.resolve({ err, value }));
  controller.abort();
  const { err, value } = await done.promise;
  assert.ok(isAbortError(err));
  assert.equal(value, undefined);
});

test('AbortSignal: a @JsExport method returning a CompletableFuture rejects and its thread is interrupted', async () => {
  assert.equal(await c.slowEcho('no signal', 0), 'no signal');
  assert.equal(await c.slowEcho('with a signal', 0, new AbortController().signal), 'with a signal');
  const before = c.counts();
  const controller = new AbortController();
  const promise = c.slowEcho('never', 600_000, controller.signal);
  while (c.counts().started === before.started) await new Promise((r) => setImmediate(r));
  controller.abort();
  await assert.rejects(promise, isAbortError);
  while (c.counts().interrupted === before.interrupted) await new Promise((r) => setImmediate(r));
});

test('AbortSignal: one signal shared by many calls is one Java object and collects no listeners', async () => {
  const controller = new AbortController();
  assert.equal(c.sameSignal(controller.signal), true);
  const warnings = [];
  const onWarning = (w) => warnings.push(w);
  process.on('warning', onWarning);
  try {
    for (let i = 0; i < 50; i++) assert.equal(await c.sleepTask(0, controller.signal), 'slept');
    await new Promise((r) => setImmediate(r));
  } finally {
    process.off('warning', onWarning);
  }
  assert.deepEqual(warnings.map(String), []);
});

test('AbortSignal: bad input is a TypeError that names the argument', () => {
  assert.throws(() => c.slowEcho('x', 1, {}), { name: 'TypeError', message: /slowEcho\(\): argument 'signal' \(#3\) must be an AbortSignal, got object/ });
  assert.throws(() => c.slowEcho('x', 1, 'signal'), { name: 'TypeError', message: /must be an AbortSignal, got string/ });
  assert.throws(() => c.sameSignal(new EventTarget()), { name: 'TypeError', message: /must be an AbortSignal/ });
});

test('AbortSignal: tasks in a worker thread abort there as well', async () => {
  const source = `
    const { parentPort } = require('node:worker_threads');
    const c = require(${JSON.stringify(LOADER)}).load(${JSON.stringify(JAR)}, { addon: 'dev.napijava.tests.Cancellation' });
    const controller = new AbortController();
    new Promise((started) => {
      c.sleepTask(600000, controller.signal, 'virtual', started).catch((e) => parentPort.postMessage(e.name));
    }).then(() => controller.abort());
  `;
  const worker = new Worker(source, { eval: true });
  const [name] = await Promise.all([new Promise((r) => worker.once('message', r))]);
  assert.equal(name, 'AbortError');
  await worker.terminate();
});
