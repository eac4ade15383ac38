import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { JAR, LOADER, loadTopic } from './support.mjs';

const threads = loadTopic('Threads');
const WRONG = /^java\.lang\.WrongThreadException: .*was used on thread/;

test('reading a JS object on another Java thread throws WrongThreadException', () => {
  assert.match(threads.readOffThread({ x: 1 }), WRONG);
});

test('creating JS values through the env on another thread throws WrongThreadException', () => {
  assert.match(threads.createOffThread(), WRONG);
});

test('calling a JS function on another thread throws WrongThreadException', () => {
  let called = false;
  assert.match(threads.callOffThread(() => { called = true; }), WRONG);
  assert.equal(called, false);
});

test('the JS-thread-only parts of the async API throw WrongThreadException on another thread', () => {
  const results = threads.asyncApiOffThread({ a: 1 }, () => {});
  assert.equal(results.length, 8);
  for (const result of results) assert.match(result, WRONG);
});

test('the raw handle of a value is refused on another thread', () => {
  assert.match(threads.handleOffThread('x'), WRONG);
});

test('Java functions run on the JS thread, which is the main thread of the JVM', () => {
  assert.equal(threads.isJsThread(), true);
  assert.equal(threads.threadName(), 'main');
});

test('a worker thread loads the addon with its own env and thread', async () => {
  const source = `
    const { parentPort } = require('node:worker_threads');
    const { load } = require(${JSON.stringify(LOADER)});
    const t = load(${JSON.stringify(JAR)}, { addon: 'dev.napijava.tests.Threads' });
    parentPort.postMessage([t.threadName(), t.isJsThread(), t.readOffThread({ x: 1 })]);`;
  const worker = new Worker(source, { eval: true });
  const [name, isJs, misuse] = await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  assert.match(name, /^node-worker-\d+$/);
  assert.equal(isJs, true);
  assert.match(misuse, WRONG);
  await worker.terminate();
});
