import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { JAR, LOADER, loadTopic, scaled } from './support.mjs';

const memory = loadTopic('Memory');
const KINDS = {
  INT8: Int8Array, UINT8: Uint8Array, UINT8_CLAMPED: Uint8ClampedArray, INT16: Int16Array, UINT16: Uint16Array,
  INT32: Int32Array, UINT32: Uint32Array, FLOAT32: Float32Array, FLOAT64: Float64Array,
  BIGINT64: BigInt64Array, BIGUINT64: BigUint64Array,
};
const SAMPLES = {
  INT8: [-128, 127, 0], UINT8: [0, 255, 7], UINT8_CLAMPED: [0, 255, 9], INT16: [-32768, 32767, 1],
  UINT16: [0, 65535, 2], INT32: [-(2 ** 31), 2 ** 31 - 1, 3], UINT32: [0, 2 ** 32 - 1, 4],
  FLOAT32: [0.5, -1.25, 1e10], FLOAT64: [Math.PI, -0.1, Number.MAX_VALUE],
  BIGINT64: [-(2n ** 63n), 2n ** 63n - 1n, 5n], BIGUINT64: [0n, 2n ** 64n - 1n, 6n],
};

/** Runs an ES module in a child Node process with extra Node flags and JVM options; parses its last line. */
function child(source, { nodeFlags = [], jvmOptions = [] } = {}) {
  const prelude = `
    import { createRequire } from 'node:module';
    const require = createRequire(import.meta.url);
    const { load } = require(${JSON.stringify(LOADER)});
    const memory = load(${JSON.stringify(JAR)}, { addon: 'dev.napijava.tests.Memory', jvmOptions: ${JSON.stringify(jvmOptions)} });
    const settle = () => new Promise((resolve) => setImmediate(resolve));`;
  const result = spawnSync(process.execPath, [...nodeFlags, '--input-type=module', '-e', prelude + source], {
    encoding: 'utf8',
    timeout: scaled(120_000),
  });
  assert.equal(result.status, 0, `child failed (${result.signal ?? result.status}):\n${result.stderr}`);
  const lines = result.stdout.trim().split('\n');
  return { value: JSON.parse(lines[lines.length - 1]), stderr: result.stderr };
}

test('a zero-copy Buffer shares memory with Java: JS writes are seen by Java and back', () => {
  const { value: buffer, id } = memory.lendBuffer(64, 7);
  assert.ok(Buffer.isBuffer(buffer));
  assert.equal(buffer.length, 64);
  assert.deepEqual([...buffer.subarray(0, 3)], [7, 7, 7]);
  buffer[5] = 200;
  assert.equal(memory.peek(id, 5), 200);
  memory.poke(id, 9, 33);
  assert.equal(buffer[9], 33);
  assert.equal(memory.isLent(id), true);
});

test('a zero-copy ArrayBuffer shares memory with Java', () => {
  const { value: arrayBuffer, id } = memory.lendArrayBuffer(16, 5);
  assert.ok(arrayBuffer instanceof ArrayBuffer);
  const bytes = new Uint8Array(arrayBuffer);
  assert.deepEqual([...bytes.subarray(0, 2)], [5, 5]);
  bytes[15] = 1;
  assert.equal(memory.peek(id, 15), 1);
  memory.poke(id, 0, 99);
  assert.equal(bytes[0], 99);
  assert.equal(memory.arrayBufferLength(arrayBuffer), 16);
});

test('lent Buffer memory is released when JS collects it, and external memory is adjusted (--expose-gc)', () => {
  const { value } = child(`
    const before = memory.lentBytes();
    let id;
    (() => { const lent = memory.lendBuffer(1 << 20, 1); id = lent.id; lent.value[0] = 2; })();
    const during = memory.lentBytes();
    for (let i = 0; i < 100 && memory.isLent(id); i++) { globalThis.gc(); await settle(); }
    console.log(JSON.stringify({ before, during, after: memory.lentBytes(), released: memory.released(), lent: memory.isLent(id) }));`,
  { nodeFlags: ['--expose-gc'] });
  assert.equal(value.during - value.before, 1 << 20);
  assert.equal(value.lent, false, 'the release action ran');
  assert.equal(value.released, 1);
  assert.equal(value.after, value.before);
});

test('lent ArrayBuffers still held at exit are released at env teardown of a worker', async () => {
  const source = `
    const { parentPort } = require('node:worker_threads');
    const { load } = require(${JSON.stringify(LOADER)});
    const memory = load(${JSON.stringify(JAR)}, { addon: 'dev.napijava.tests.Memory' });
    globalThis.kept = [memory.lendArrayBuffer(4096, 1), memory.lendBuffer(4096, 2)];
    parentPort.on('message', () => {}); // stays alive until terminated
    parentPort.postMessage(globalThis.kept.map((lent) => lent.id));`;
  const worker = new Worker(source, { eval: true });
  const ids = await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  assert.deepEqual(ids.map((id) => memory.isLent(id)), [true, true]);
  await worker.terminate();
  for (let i = 0; i < 20 && ids.some((id) => memory.isLent(id)); i++) await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(ids.map((id) => memory.isLent(id)), [false, false], 'both release actions ran');
});

test('where external buffers are refused, a lent Buffer falls back to a copy and is released at once', () => {
  const { value } = child(`
    const { value: buffer, id } = memory.lendBuffer(32, 9);
    const arrayBuffer = memory.lendArrayBuffer(8, 4).value;
    buffer[0] = 1;
    console.log(JSON.stringify({ isBuffer: Buffer.isBuffer(buffer), bytes: [...buffer.subarray(0, 3)],
      arrayBuffer: [...new Uint8Array(arrayBuffer)], lent: memory.isLent(id), released: memory.released(), lentBytes: memory.lentBytes() }));`,
  { jvmOptions: ['-Dnapijava.noExternalBuffers=true'] });
  assert.deepEqual(value, {
    isBuffer: true, bytes: [1, 9, 9], arrayBuffer: new Array(8).fill(4), lent: false, released: 2, lentBytes: 0,
  });
});

test('a release action that throws is reported, and Node carries on', () => {
  const { value, stderr } = child(`
    (() => memory.lendWithFailingRelease(1024))();
    for (let i = 0; i < 100 && memory.released() === 0; i++) { globalThis.gc(); await settle(); }
    console.log(JSON.stringify(memory.released()));`,
  { nodeFlags: ['--expose-gc'] });
  assert.equal(value, 1);
  assert.match(stderr, /release action of memory lent to JS[\s\S]*this release action fails on purpose/);
});

test('heap, read-only or freed memory cannot be lent to JS without a copy', () => {
  assert.throws(() => memory.lendHeapMemory(), { message: /only off-heap \(native\) memory can be lent to JS/ });
  assert.throws(() => memory.lendReadOnlyMemory(), { message: /read-only memory cannot be lent to JS/ });
  assert.throws(() => memory.lendFreedMemory(), { message: /already freed/ });
});

test('Buffers and ArrayBuffers copied from Java own their memory', () => {
  assert.equal(memory.copyBuffer('héllo').toString('utf8'), 'héllo');
  assert.deepEqual([...new Uint8Array(memory.copyArrayBuffer())], [1, 2, 3, 255]);
  const copied = memory.copySegment(1000, 3, 0); // its Java memory is freed already
  assert.ok(Buffer.isBuffer(copied));
  assert.equal(copied.length, 1000);
  assert.ok(copied.every((byte) => byte === 3));
  const copiedArrayBuffer = memory.copySegment(10, 6, 1);
  assert.ok(copiedArrayBuffer instanceof ArrayBuffer);
  assert.deepEqual([...new Uint8Array(copiedArrayBuffer)], new Array(10).fill(6));
  assert.deepEqual(memory.createBuffer(5), Buffer.alloc(5));
  const created = memory.createArrayBuffer(4);
  assert.deepEqual([...new Uint8Array(created)], [42, 0, 0, 0]);
});

test('a Buffer is read in place as a MemorySegment, and byte[] returned becomes a Uint8Array', () => {
  const buffer = Buffer.from('abc');
  const bytes = memory.bufferBytes(buffer);
  assert.ok(bytes instanceof Uint8Array);
  assert.deepEqual([...bytes], [97, 98, 99]);
  memory.fillBuffer(buffer, 0x7a);
  assert.equal(buffer.toString(), 'zzz');
  assert.deepEqual([...memory.bufferBytes(new Uint8Array([1, 2]))], [1, 2]);
  assert.throws(() => memory.bufferBytes(new Float64Array(2)), { name: 'TypeError', message: /'buffer' \(#1\) must be a Buffer, got object/ });
  assert.throws(() => memory.bufferBytes('abc'), { name: 'TypeError', message: /must be a Buffer, got string/ });
});

test('every TypedArray kind is made by Java from a MemorySegment and read back in place', () => {
  for (const [kind, constructor] of Object.entries(KINDS)) {
    const array = memory.typedArrayOf(kind, SAMPLES[kind]);
    assert.ok(array instanceof constructor, kind);
    const expected = constructor.from(SAMPLES[kind]);
    assert.deepEqual([...array], [...expected], kind);
    assert.deepEqual(memory.elements(expected), [constructor.name, [...expected].map((x) => (typeof x === 'number' ? x : x))], kind);
    const empty = memory.createTypedArray(kind, 3);
    assert.ok(empty instanceof constructor);
    assert.equal(empty.length, 3);
    assert.ok([...empty].every((x) => x == 0), kind);
  }
});

test('a TypedArray copied to Java gives the matching primitive array, which returns as the same kind', () => {
  const pairs = [
    [new Int8Array([-1, 2]), Uint8Array], [new Int16Array([-3, 4]), Int16Array], [new Uint16Array([65535]), Uint16Array],
    [new Int32Array([-5, 6]), Int32Array], [new Float32Array([0.5]), Float32Array], [new Float64Array([1.5, -2]), Float64Array],
    [new BigInt64Array([-7n]), BigInt64Array],
  ];
  for (const [input, back] of pairs) {
    const result = memory.toArray(input);
    assert.ok(result instanceof back, `${input.constructor.name} -> ${result.constructor.name}`);
    assert.deepEqual([...new back(input.buffer, input.byteOffset, input.length)], [...result]);
  }
});

test('a TypedArray view on part of an ArrayBuffer, made by Java, shares its memory', () => {
  const arrayBuffer = new ArrayBuffer(32);
  const view = memory.viewOf(arrayBuffer, 'INT32', 8, 2);
  assert.ok(view instanceof Int32Array);
  view[0] = -1;
  assert.equal(new Uint8Array(arrayBuffer)[8], 255);
  const outOfRange = (message) => ({ name: 'RangeError', code: 'ERR_OUT_OF_RANGE', message });
  assert.throws(() => memory.viewOf(arrayBuffer, 'INT32', 3, 1),
    outOfRange("JsTypedArray.of(): argument 'byteOffset' must be a multiple of 4 (the Int32Array element size), got 3"));
  assert.throws(() => memory.viewOf(arrayBuffer, 'INT32', 28, 2), outOfRange("JsTypedArray.of(): argument 'length' must be at most 1 "
    + '(the Int32Array elements that fit from byteOffset 28 to the end of the 32-byte ArrayBuffer), got 2'));
  assert.throws(() => memory.viewOf(arrayBuffer, 'FLOAT64', 40, 0),
    outOfRange("JsTypedArray.of(): argument 'byteOffset' must be at most 32 (the ArrayBuffer's byteLength), got 40"));
  assert.throws(() => memory.viewOf(arrayBuffer, 'UINT8', -1, 1), outOfRange("JsTypedArray.of(): argument 'byteOffset' must be 0 or more, got -1"));
  assert.throws(() => memory.viewOf(arrayBuffer, 'UINT8', 0, -1), outOfRange("JsTypedArray.of(): argument 'length' must be 0 or more, got -1"));
  assert.equal(memory.viewOf(arrayBuffer, 'FLOAT64', 24, 1).length, 1); // exactly to the end
  assert.equal(memory.viewOf(arrayBuffer, 'UINT8', 32, 0).length, 0);
  assert.throws(() => memory.viewOf(arrayBuffer, 'LONG', 0, 1), {
    name: 'TypeError',
    message: /'kind' \(#2\) must be one of 'INT8', 'UINT8', .*'BIGUINT64', got 'LONG'/,
  });
});

test('DataViews are made by Java and read in place with explicit byte orders', () => {
  const arrayBuffer = new ArrayBuffer(16);
  const view = memory.dataViewOf(arrayBuffer, 4, 8);
  assert.ok(view instanceof DataView);
  view.setInt32(0, 0x01020304);
  assert.equal(memory.readInt32BigEndian(view, 0), 0x01020304);
  assert.equal(memory.writeInt16LittleEndian(view, 6, -2), '4:8:16');
  assert.equal(view.getInt16(6, true), -2);
  const copy = memory.dataViewCopy();
  assert.equal(copy.getInt32(0), 256);
  // Out-of-range views are refused by napi-java itself: some hosts (Deno) do not check, and crash.
  assert.throws(() => memory.dataViewOf(arrayBuffer, 12, 8), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE',
    message: "JsDataView.of(): argument 'byteLength' must be at most 4 (the bytes from byteOffset 12 to the end of the 16-byte ArrayBuffer), got 8" });
  assert.throws(() => memory.dataViewOf(arrayBuffer, 17, 0), { name: 'RangeError', message: /'byteOffset' must be at most 16 .*got 17/ });
  assert.throws(() => memory.dataViewOf(arrayBuffer, -4, 4), { name: 'RangeError', message: /'byteOffset' must be 0 or more, got -4/ });
  assert.throws(() => memory.dataViewOf(arrayBuffer, 0, -1), { name: 'RangeError', message: /'byteLength' must be 0 or more, got -1/ });
  assert.equal(memory.dataViewOf(arrayBuffer, 12, 4).byteLength, 4);
  assert.throws(() => memory.readInt32BigEndian(new Uint8Array(4), 0), { name: 'TypeError', message: /expected a DataView/ });
});

test('a detached ArrayBuffer is a TypeError, never a stale pointer', () => {
  const arrayBuffer = new ArrayBuffer(64);
  const bytes = new Uint8Array(arrayBuffer);
  bytes.fill(1);
  structuredClone(arrayBuffer, { transfer: [arrayBuffer] });
  assert.equal(arrayBuffer.byteLength, 0);
  assert.equal(memory.isDetached(arrayBuffer), true);
  assert.throws(() => memory.arrayBufferLength(arrayBuffer), { name: 'TypeError', message: /ArrayBuffer is detached/ });
  assert.throws(() => memory.typedArraySum(bytes), { name: 'TypeError', message: /ArrayBuffer is detached/ });
  const own = new ArrayBuffer(8);
  const view = new DataView(own);
  memory.detach(own);
  assert.equal(own.byteLength, 0);
  assert.throws(() => memory.readInt32BigEndian(view, 0), { name: 'TypeError', message: /ArrayBuffer is detached/ });
  assert.throws(() => memory.dataViewOf(own, 0, 0), { name: 'TypeError', message: /JsDataView\.of\(\): the ArrayBuffer is detached/ });
  assert.throws(() => memory.viewOf(own, 'UINT8', 0, 0), { name: 'TypeError', message: /JsTypedArray\.of\(\): the ArrayBuffer is detached/ });
  assert.throws(() => memory.arrayBufferLength(new Uint8Array(2)), { name: 'TypeError', message: /'arrayBuffer' \(#1\) must be an ArrayBuffer, got object/ });
});
