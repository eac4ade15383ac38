// Async context across the Java boundary (AsyncContexts.java): JS callbacks that Java calls later
// run in the async context of the JS call that made them, so AsyncLocalStorage keeps its store,
// and async_hooks sees resources of the names given in Java.
import assert from 'node:assert/strict';
import { AsyncLocalStorage, createHook, executionAsyncId } from 'node:async_hooks';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { JAR, LOADER, loadTopic } from './support.mjs';

const a = loadTopic('AsyncContexts');
const als = new AsyncLocalStorage();

/** Each way Java calls JS later: run(done) makes Java call done() from another thread or later. */
const KINDS = {
  'task callback': (done) => a.taskCallback(1, () => done()),
  'task on libuv\'s pool': (done) => a.taskPool(1, () => done()),
  'task progress': (done) => a.taskProgress(() => done()),
  'threadsafe function': (done) => a.tsfnLater(() => done()),
  'channel closure': (done) => a.channelLater(() => done()),
  'EventEmitter emit': (done) => {
    const emitter = new EventEmitter();
    emitter.once('data', () => done());
    a.emitLater(emitter, 'data', 1);
  },
  'Deferred settlement': (done) => { a.deferredLater(1).then(() => done()); },
};

/** Runs `run` inside als.run(store) and resolves with the store seen when Java calls back. */
function storeSeenBy(run, store) {
  return als.run(store, () => new Promise((resolve) => run(() => resolve(als.getStore()))));
}

for (const [kind, run] of Object.entries(KINDS)) {
  test(`AsyncLocalStorage: ${/^[AEIOU]/.test(kind) ? 'an' : 'a'} ${kind} sees the store of the JS call that made it`, async () => {
    assert.equal(await storeSeenBy(run, { request: kind }).then((s) => s.request), kind);
  });
}

test('AsyncLocalStorage: calls made in different stores at once each see their own', async () => {
  // Ten requests of each kind in flight together: the stores must not mix (nor leak from
  // whichever call made a shared channel first).
  const pending = [];
  for (const [kind, run] of Object.entries(KINDS)) {
    for (let i = 0; i < 10; i++) pending.push(storeSeenBy(run, `${kind} #${i}`).then((seen) => [`${kind} #${i}`, seen]));
  }
  for (const [expected, seen] of await Promise.all(pending)) assert.equal(seen, expected);
  // Outside any store, a callback sees none.
  assert.equal(await new Promise((resolve) => a.taskCallback(1, () => resolve(als.getStore()))), undefined);
});

test('AsyncLocalStorage: async_hooks sees a resource of the name given in Java, around each callback', async () => {
  const inits = new Map();
  const hook = createHook({ init(id, type) { inits.set(id, type); } }).enable();
  let ids;
  try {
    ids = await Promise.all([
      new Promise((resolve) => a.taskCallback(1, () => resolve(executionAsyncId()))),
      new Promise((resolve) => a.tsfnLater(() => resolve(executionAsyncId()))),
      new Promise((resolve) => a.channelLater(() => resolve(executionAsyncId()))),
    ]);
  } finally {
    hook.disable();
  }
  // Each callback runs as the resource of its type (its async id is the one init saw).
  assert.deepEqual(ids.map((id) => inits.get(id)), ['napi-java test task', 'napi-java test tsfn', 'napi-java test channel']);
});

test('AsyncLocalStorage: the store follows callbacks in worker threads too', async () => {
  const source = `
    const { parentPort } = require('node:worker_threads');
    const { AsyncLocalStorage } = require('node:async_hooks');
    const a = require(${JSON.stringify(LOADER)}).load(${JSON.stringify(JAR)}, { addon: 'dev.napijava.tests.AsyncContexts' });
    const als = new AsyncLocalStorage();
    const seen = (run, store) => als.run(store, () => new Promise((resolve) => run(() => resolve(als.getStore()))));
    Promise.all([
      seen((done) => a.taskCallback(1, () => done()), 'worker task'),
      seen((done) => a.tsfnLater(() => done()), 'worker tsfn'),
      seen((done) => a.channelLater(() => done()), 'worker channel'),
    ]).then((stores) => parentPort.postMessage(stores));
  `;
  const workers = [0, 1].map(() => new Worker(source, { eval: true }));
  // The main thread's own calls run at the same time, in stores of their own.
  const [main, ...inWorkers] = await Promise.all([
    storeSeenBy(KINDS['threadsafe function'], 'main tsfn'),
    ...workers.map((worker) => new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); })),
  ]);
  assert.equal(main, 'main tsfn');
  for (const stores of inWorkers) assert.deepEqual(stores, ['worker task', 'worker tsfn', 'worker channel']);
  await Promise.all(workers.map((worker) => worker.terminate()));
});
