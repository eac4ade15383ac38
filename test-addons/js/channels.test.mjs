import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { JAR, LOADER, loadTopic, nextUncaughtException, runChild } from './support.mjs';

const channels = loadTopic('Channels');
const dir = mkdtempSync(path.join(tmpdir(), 'napi-java-channels-'));

/** The first 24 bytes of a PNG file: signature, IHDR length and type, width, height. */
function pngHeader(width, height) {
  const header = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header, 0);
  header.writeUInt32BE(13, 8);
  header.write('IHDR', 12, 'latin1');
  header.writeUInt32BE(width, 16);
  header.writeUInt32BE(height, 20);
  return header;
}

const parse = (file) => new Promise((resolve) => channels.parseAsync(file, (err, size) => resolve({ err, size })));

test('parseAsync reads a PNG header on a background thread and calls back (null, {width, height})', async () => {
  const file = path.join(dir, 'image.png');
  writeFileSync(file, pngHeader(640, 480));
  const { err, size } = await parse(file);
  assert.equal(err, null);
  assert.deepEqual(size, { width: 640, height: 480 });
});

test('parseAsync calls back with an error for a missing file', async () => {
  const { err, size } = await parse(path.join(dir, 'missing.png'));
  assert.equal(size, undefined);
  assert.ok(err instanceof Error);
  assert.equal(err.javaClass, 'java.nio.file.NoSuchFileException');
  assert.match(err.message, /missing\.png/);
});

test('parseAsync calls back with an error for a file that is not a PNG', async () => {
  const file = path.join(dir, 'text.png');
  writeFileSync(file, 'just some text, long enough to read a header from');
  const { err } = await parse(file);
  assert.match(err.message, /is not a PNG file/);
});

test('parseAsync keeps Node alive until its callback ran', () => {
  const file = path.join(dir, 'alive.png');
  writeFileSync(file, pngHeader(3, 7));
  const child = runChild(`
    import { createRequire } from 'node:module';
    const { load } = createRequire(import.meta.url)(${JSON.stringify(LOADER)});
    const addon = load(process.env.NAPI_JAVA_TEST_JAR, { addon: 'dev.napijava.tests.Channels' });
    addon.parseAsync(${JSON.stringify(file)}, (err, size) => console.log(JSON.stringify(size)));`);
  assert.equal(child.status, 0, child.stderr);
  assert.equal(child.stdout.trim(), '{"width":3,"height":7}');
});

test('messages from one Java thread run in the order they were sent', async () => {
  let expected = 0;
  let outOfOrder = 0;
  const total = await channels.sendInOrder(1, 20000, (thread, seq) => {
    if (seq !== expected) outOfOrder++;
    expected = seq + 1;
  });
  assert.equal(total, 20000);
  assert.equal(outOfOrder, 0);
});

test('messages from four Java threads all run, each thread\'s in order', async () => {
  const last = new Map();
  let outOfOrder = 0;
  let calls = 0;
  await channels.sendInOrder(4, 5000, (thread, seq) => {
    calls++;
    if ((last.get(thread) ?? -1) !== seq - 1) outOfOrder++;
    last.set(thread, seq);
  });
  assert.equal(calls, 20000);
  assert.equal(outOfOrder, 0);
});

test('send() returns the closure\'s result, or its failure, to the Java thread', async () => {
  globalThis.answer = 42;
  assert.deepEqual(await channels.roundTrip('answer + 1'), { value: 43 });
  assert.deepEqual(await channels.roundTrip('({ list: [1, "two"] })'), { value: { list: [1, 'two'] } });
  await assert.rejects(channels.roundTrip('throw new TypeError("in closure")'), /TypeError: in closure/);
});

test('Channel.of gives one shared channel per env', () => {
  assert.equal(channels.sameSharedChannel(), true);
});

test('a closed channel refuses sends with CLOSING', () => {
  assert.deepEqual(channels.closedChannel(), [true, true, 'CLOSING']);
});

test('an open channel keeps Node alive until closed; an unref\'d one does not', () => {
  const script = (unref) => `
    import { createRequire } from 'node:module';
    const { load } = createRequire(import.meta.url)(${JSON.stringify(LOADER)});
    const addon = load(process.env.NAPI_JAVA_TEST_JAR, { addon: 'dev.napijava.tests.Channels' });
    addon.keepAlive(300, ${unref});`;
  const kept = runChild(script(false));
  assert.equal(kept.status, 0, kept.stderr);
  assert.match(kept.stdout, /channel message ran/);
  const unref = runChild(script(true));
  assert.equal(unref.status, 0, unref.stderr);
  assert.doesNotMatch(unref.stdout, /channel message ran/);
});

test('a worker terminated while Java threads keep sending: sends fail with CLOSING, no crash', async () => {
  const before = channels.closedSends();
  const source = `
    const { parentPort } = require('node:worker_threads');
    const { load } = require(${JSON.stringify(LOADER)});
    const addon = load(${JSON.stringify(JAR)}, { addon: 'dev.napijava.tests.Channels' });
    let calls = 0;
    addon.flood(() => { if (++calls === 100) parentPort.postMessage('busy'); });`;
  for (let round = 0; round < 5; round++) {
    const worker = new Worker(source, { eval: true });
    await new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); });
    await worker.terminate();
  }
  const deadline = Date.now() + 10_000;
  while (channels.closedSends() - before < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.equal(channels.closedSends() - before, 5);
});

test('references give back the same value and refuse get() once closed', () => {
  assert.equal(channels.refValue({}, false), 'same value, then: the reference is closed');
  assert.equal(channels.refValue({}, true), 'same value, then: the reference is closed');
  assert.throws(() => channels.refPrimitive(5), /only objects, functions and symbols can be referenced, not a number/);
});

test('a burst of messages does not starve the event loop: an immediate runs after the first batch', async () => {
  const channels = loadTopic('Channels');
  let delivered = 0;
  const keepAlive = setInterval(() => {}, 1000); // the env's shared channel does not keep Node alive
  try {
    const seen = await new Promise((resolve) => {
      // Scheduled by the first message: it runs at the next turn of the event loop.
      channels.sendBurst(200_000, () => { if (++delivered === 1) setImmediate(() => resolve(delivered)); });
    });
    // Node calls a threadsafe function's callback up to 1,000 times per wake-up; napi-java delivers
    // 1,024 messages per call and then lets the event loop turn, so the immediate runs early
    // (without that turn, all 200,000 would come first).
    assert.ok(seen < 200_000, `the immediate ran after ${seen} of 200,000 messages`);
    while (delivered < 200_000) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(delivered, 200_000);
  } finally {
    clearInterval(keepAlive);
  }
});

test('post(): messages from four Java threads, several batches each, all run and each thread\'s in order (no future per message)', async () => {
  const last = new Map();
  let outOfOrder = 0;
  let calls = 0;
  const total = await channels.postInOrder(4, 5000, (thread, seq) => {
    calls++;
    if ((last.get(thread) ?? -1) !== seq - 1) outOfOrder++;
    last.set(thread, seq);
  });
  assert.equal(total, 20000);
  assert.equal(calls, 20000);
  assert.equal(outOfOrder, 0);
});

test('post() returns OK on an open channel and CLOSING on a closed one', () => {
  assert.deepEqual(channels.postStatuses(), ['OK', 'CLOSING']);
});

test('a posted action that throws is an uncaught exception in Node', async () => {
  const error = await nextUncaughtException(() => channels.postThrowing('posted action threw'));
  assert.equal(error.message, 'posted action threw');
  assert.equal(error.javaClass, 'java.lang.IllegalStateException');
});

test('a worker terminated with batches of posts in flight from four threads: post() returns CLOSING, no crash, no hang', async () => {
  const before = channels.closedPosts();
  const source = `
    const { parentPort } = require('node:worker_threads');
    const { load } = require(${JSON.stringify(LOADER)});
    const addon = load(${JSON.stringify(JAR)}, { addon: 'dev.napijava.tests.Channels' });
    let calls = 0;
    addon.floodPost(4, () => { if (++calls === 5000) parentPort.postMessage('busy'); });`;
  for (let round = 0; round < 3; round++) {
    const worker = new Worker(source, { eval: true });
    await new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); });
    await worker.terminate();
  }
  const deadline = Date.now() + 30_000; // a bound for a hang, not a measure
  while (channels.closedPosts() - before < 12 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.equal(channels.closedPosts() - before, 12);
});
