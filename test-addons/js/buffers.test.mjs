import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadTopic } from './support.mjs';

const buffers = loadTopic('Buffers');

test('a Float64Array is read in place', () => {
  const array = Float64Array.from({ length: 100_000 }, (_, i) => i * 0.5);
  assert.equal(buffers.sumFloat64(array), array.reduce((a, b) => a + b, 0));
  assert.equal(buffers.sumFloat64(new Float64Array(0)), 0);
});

test('writes through the segment are seen by JS (no copy)', () => {
  const bytes = new Uint8Array(16);
  assert.equal(buffers.fillBytes(bytes, 7), 16);
  assert.deepEqual([...bytes], new Array(16).fill(7));
  const buffer = Buffer.alloc(4);
  buffers.fillBytes(buffer, 0x41);
  assert.equal(buffer.toString('latin1'), 'AAAA');
});

test('a view on part of an ArrayBuffer sees only its own elements', () => {
  const backing = new ArrayBuffer(64);
  const view = new Int32Array(backing, 8, 4);
  assert.equal(buffers.describe(view), 'INT32:4:16');
  buffers.fillBytes(view, 1);
  const all = new Uint8Array(backing);
  assert.equal(all[7], 0);
  assert.equal(all[8], 1);
  assert.equal(all[23], 1);
  assert.equal(all[24], 0);
  assert.equal(buffers.firstByte(Buffer.from([200])), -56);
});

test('other values are TypeErrors naming the argument', () => {
  assert.throws(() => buffers.sumFloat64([1, 2]), { name: 'TypeError', message: /'array' \(#1\) must be a TypedArray, got array/ });
  assert.throws(() => buffers.sumFloat64(new Int8Array(2)), { name: 'TypeError', message: /must be a Float64Array/ });
  assert.throws(() => buffers.describe(new ArrayBuffer(8)), { name: 'TypeError', message: /must be a TypedArray, got object/ });
});
