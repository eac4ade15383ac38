// Java sequences as async iterables and Java byte streams as Node streams (Streams.java):
// back-pressure, cancellation, errors, and the bytes each heap holds.
import assert from 'node:assert/strict';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { test } from 'node:test';
import { LOADER, loadTopic, runChild } from './support.mjs';

const s = loadTopic('Streams');
const KiB = 1024;
const MiB = 1024 * KiB;
const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Waits (without a clock) until the producer thread is parked in put() with a full buffer. */
async function untilParked() {
  for (let state = s.producerState(); !state.parked || state.live === 0; state = s.producerState()) await turn();
}

async function collect(iterable) {
  const items = [];
  for await (const item of iterable) items.push(item);
  return items;
}

test('asyncIterator: for await over a Java producer, Iterator, Stream and Flow.Publisher yields every item in order', async () => {
  const range = (n) => Array.from({ length: n }, (_, i) => i);
  assert.deepEqual(await collect(s.counting(1000, 16)), range(1000));
  assert.deepEqual(await collect(s.fromIterator(['a', 1, true, null, { x: 1 }])), ['a', 1, true, null, { x: 1 }]);
  const closed = s.streamsClosed();
  assert.deepEqual(await collect(s.fromStream(500)), range(500));
  assert.equal(s.streamsClosed(), closed + 1, 'the Java Stream is closed at its end');
  assert.deepEqual(await collect(s.fromPublisher(1000, 8)), range(1000));
  assert.ok(s.publisherState().mostDemand <= 8, `the publisher was asked for at most the buffer's room, got ${s.publisherState().mostDemand}`);
  assert.deepEqual(await collect(s.counting(0, 1)), []);
  assert.equal(typeof s.counting(1, 1)[Symbol.asyncIterator], 'function');
});

test('asyncIterator: the producer waits while JS has not pulled: a bounded buffer', async () => {
  const iterator = s.counting(-1, 8);
  await untilParked();
  assert.equal(s.producerState().produced, 8, 'an unpulled iterable holds exactly its buffer');
  assert.deepEqual(await iterator.next(), { value: 0, done: false });
  await untilParked(); // JS took the 8 buffered items; the producer filled the buffer again, and waits
  assert.equal(s.producerState().produced, 16);
  for (let i = 1; i < 8; i++) assert.deepEqual(await iterator.next(), { value: i, done: false });
  await iterator.return();
  assert.equal(s.producerState().live, 0);
});

test('asyncIterator: break cancels the producer; return() resolves once its Java thread has ended', async () => {
  let seen = 0;
  for await (const item of s.counting(-1, 4)) {
    assert.equal(item, seen++);
    if (seen === 10) break;
  }
  assert.equal(s.producerState().live, 0, 'the loop is left only after the producer ended');
  const closed = s.streamsClosed();
  for await (const item of s.fromStream(1_000_000)) if (item === 20) break;
  assert.equal(s.streamsClosed(), closed + 1, 'the Java Stream is closed by break');
  const cancelled = s.publisherState().cancelled;
  for await (const item of s.fromPublisher(1_000_000, 8)) if (item === 20) break;
  assert.equal(s.publisherState().cancelled, cancelled + 1, 'the subscription is cancelled by break');
  // An exception in the loop body cancels it too.
  await assert.rejects(async () => {
    for await (const item of s.counting(-1, 4)) if (item === 3) throw new Error('the loop body failed');
  }, /the loop body failed/);
  assert.equal(s.producerState().live, 0);
});

test('asyncIterator: an error of the producer is thrown into the loop after the items before it', async () => {
  const items = [];
  await assert.rejects(async () => {
    for await (const item of s.failing(3)) items.push(item);
  }, (e) => {
    assert.match(e.message, /the producer broke after 3 items/);
    assert.equal(e.javaClass, 'java.lang.IllegalStateException');
    return true;
  });
  assert.deepEqual(items, ['item 0', 'item 1', 'item 2']);
});

test('asyncIterator: Symbol.asyncDispose (await using) ends the producer', { skip: typeof Symbol.asyncDispose !== 'symbol' && 'no Symbol.asyncDispose in this Node' }, async () => {
  const iterator = s.counting(-1, 4);
  assert.deepEqual(await iterator.next(), { value: 0, done: false });
  await iterator[Symbol.asyncDispose]();
  assert.equal(s.producerState().live, 0);
  assert.deepEqual(await iterator.next(), { value: undefined, done: true });
});

test('asyncIterator: an iterator abandoned half way, never returned, releases its Java producer once collected', () => {
  const result = runChild(`
    import { createRequire } from 'node:module';
    const require = createRequire(${JSON.stringify(import.meta.url)});
    const napiJava = require('../../loader/index.js');
    const s = napiJava.load(process.env.NAPI_JAVA_TEST_JAR, { addon: 'dev.napijava.tests.Streams' });
    async function takeSome() {
      const iterator = s.counting(-1, 4);
      for (let i = 0; i < 5; i++) await iterator.next();
    }
    await takeSome();
    let rounds = 0;
    while (s.producerState().live > 0 && rounds < 500) {
      globalThis.gc();
      s.javaGc();
      await new Promise((resolve) => setImmediate(resolve));
      rounds++;
    }
    console.log(JSON.stringify({ live: s.producerState().live, rounds }));
  `, { nodeFlags: ['--expose-gc'] });
  assert.equal(result.status, 0, result.stderr);
  const { live, rounds } = JSON.parse(result.stdout.trim().split('\n').pop());
  assert.equal(live, 0, `the producer still ran after ${rounds} rounds of garbage collection`);
});

test('stream: a Java InputStream as a Readable delivers every byte, then closes the InputStream', async () => {
  const closed = s.byteCounts().inputsClosed;
  const total = 1_000_003;
  let length = 0;
  let mismatch = -1;
  for await (const chunk of s.readable(total, 4096)) {
    assert.ok(Buffer.isBuffer(chunk));
    for (let i = 0; i < chunk.length && mismatch < 0; i++) if (chunk[i] !== (length + i) % 251) mismatch = length + i;
    length += chunk.length;
  }
  assert.equal(mismatch, -1, `byte ${mismatch} differs`);
  assert.equal(length, total);
  assert.equal(s.byteCounts().inputsClosed, closed + 1);
});

test('stream: a Readable fed from Java, piped into a slow consumer, keeps both heaps bounded (figures printed)', async (t) => {
  const total = 256 * MiB;
  let received = 0;
  let mostAhead = 0;
  let mostArrayBuffers = 0;
  let mostJsHeap = 0;
  let writes = 0;
  s.javaHeap(); // resets the Java heap's high mark
  const slow = new Writable({
    highWaterMark: 64 * KiB,
    write(chunk, encoding, callback) {
      received += chunk.length;
      mostAhead = Math.max(mostAhead, s.byteCounts().read - received);
      if (++writes % 64 === 0) {
        const memory = process.memoryUsage();
        mostArrayBuffers = Math.max(mostArrayBuffers, memory.arrayBuffers);
        mostJsHeap = Math.max(mostJsHeap, memory.heapUsed);
      }
      setImmediate(callback); // a consumer slower than the producer: one chunk per loop turn
    },
  });
  await pipeline(s.readable(total), slow);
  const java = s.javaHeap();
  t.diagnostic(`Java -> JS: ${total / MiB} MiB through a slow Writable; most bytes read by Java and not yet consumed by JS: ${(mostAhead / KiB).toFixed(0)} KiB; `
    + `JS arrayBuffers at most ${(mostArrayBuffers / MiB).toFixed(1)} MiB, JS heap at most ${(mostJsHeap / MiB).toFixed(1)} MiB; `
    + `Java heap used at most ${(java.most / MiB).toFixed(1)} MiB of ${(java.max / MiB).toFixed(0)} MiB`);
  assert.equal(received, total);
  // Java's 4 chunks ahead, one take of them in flight, the Readable's and the Writable's 64 KiB.
  assert.ok(mostAhead <= 12 * 64 * KiB, `${mostAhead} bytes were in flight`);
  assert.ok(mostArrayBuffers < 64 * MiB, `JS held ${mostArrayBuffers} bytes of buffers`);
});

test('stream: a Node Readable piped into a Java OutputStream keeps both heaps bounded (figures printed)', async (t) => {
  const total = 128 * MiB;
  const chunk = Buffer.alloc(64 * KiB, 7);
  let made = 0;
  let mostAhead = 0;
  const source = new Readable({
    read() {
      mostAhead = Math.max(mostAhead, made - s.byteCounts().written);
      if (made >= total) { this.push(null); return; }
      made += chunk.length;
      this.push(chunk);
    },
  });
  const closed = s.byteCounts().outputsClosed;
  s.javaHeap();
  await pipeline(source, s.writable(MiB, -1)); // Java sleeps 1 ms per MiB written
  const counts = s.byteCounts();
  const java = s.javaHeap();
  t.diagnostic(`JS -> Java: ${total / MiB} MiB into a slow OutputStream; most bytes made by JS and not yet written by Java: ${(mostAhead / KiB).toFixed(0)} KiB; `
    + `Java heap used at most ${(java.most / MiB).toFixed(1)} MiB of ${(java.max / MiB).toFixed(0)} MiB`);
  assert.equal(counts.written, total);
  assert.equal(counts.sum, total * 7, 'every byte arrived intact');
  assert.equal(counts.outputsClosed, closed + 1, 'end() closed the OutputStream before finish');
  // The Readable's and the Writable's 64 KiB, Java's 4 queued chunks, one waiting, one being written.
  assert.ok(mostAhead <= 10 * 64 * KiB, `${mostAhead} bytes were in flight`);
});

test('stream: an IOException of the OutputStream is the Writable\'s error', async () => {
  const source = Readable.from([Buffer.alloc(60_000, 1), Buffer.alloc(60_000, 2), Buffer.alloc(60_000, 3)]);
  await assert.rejects(pipeline(source, s.writable(0, 100_000)), (e) => {
    assert.match(e.message, /the disk is full/);
    assert.equal(e.javaClass, 'java.io.IOException');
    return true;
  });
});

test('stream: destroying a Readable fed from Java midway closes the InputStream', async () => {
  const closed = s.byteCounts().inputsClosed;
  const readable = s.readable(1024 * MiB);
  await new Promise((resolve) => readable.once('data', resolve));
  readable.destroy();
  await new Promise((resolve) => readable.once('close', resolve));
  while (s.byteCounts().inputsClosed === closed) await turn();
  assert.ok(s.byteCounts().read < 1024 * MiB);
});

test('stream: bad input is a TypeError or RangeError that names the argument', () => {
  assert.throws(() => s.counting('many', 1), { name: 'TypeError', message: /'limit'/ });
  assert.throws(() => s.counting(1, 0), { name: 'RangeError', message: /'bufferSize'/ });
  assert.throws(() => s.readable(-1), { name: 'RangeError', message: /'totalBytes'/ });
});

test('stream: a worker terminated with iterators, streams, contexts and abortable tasks in flight tears down quietly', () => {
  const result = runChild(`
    import { Worker } from 'node:worker_threads';
    const source = \`
      const { parentPort } = require('node:worker_threads');
      const { AsyncLocalStorage } = require('node:async_hooks');
      const napiJava = require(\${JSON.stringify(process.env.LOADER)});
      const load = (topic) => napiJava.load(process.env.NAPI_JAVA_TEST_JAR, { addon: 'dev.napijava.tests.' + topic });
      const [s, a, c] = [load('Streams'), load('AsyncContexts'), load('Cancellation')];
      const als = new AsyncLocalStorage();
      als.run('worker', async () => {
        const iterator = s.counting(-1, 4);
        await iterator.next();
        const readable = s.readable(1 << 30);
        readable.on('data', () => {});
        const writable = s.writable(1024, -1);
        for (let i = 0; i < 64; i++) writable.write(Buffer.alloc(65536));
        const controller = new AbortController();
        c.sleepTask(600000, controller.signal).catch(() => {});
        c.slowEcho('x', 600000, controller.signal).catch(() => {});
        setInterval(() => { a.tsfnLater(() => {}); a.channelLater(() => {}); a.taskCallback(1, () => {}); }, 1);
        parentPort.postMessage('busy');
      });
    \`;
    for (let round = 0; round < 3; round++) {
      const worker = new Worker(source, { eval: true, execArgv: [] }); // a CommonJS script, not the parent's module input
      await new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); });
      await new Promise((resolve) => setTimeout(resolve, 20));
      await worker.terminate();
    }
    console.log('ok');
  `, { env: { ...process.env, LOADER } });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout.trim(), 'ok');
  assert.doesNotMatch(result.stderr, /napi-java/, 'nothing reported at teardown');
});
