import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadTopic } from './support.mjs';

const numbers = loadTopic('Numbers');

test('NaN, -0 and the infinities round-trip', () => {
  assert.ok(Number.isNaN(numbers.echo(NaN)));
  assert.ok(Object.is(numbers.echo(-0), -0));
  assert.equal(numbers.isNegativeZero(-0), true);
  assert.equal(numbers.isNegativeZero(0), false);
  assert.equal(numbers.echo(Infinity), Infinity);
  assert.equal(numbers.echo(-Infinity), -Infinity);
  assert.equal(numbers.echo(Number.MIN_VALUE), Number.MIN_VALUE);
  assert.equal(numbers.echo(Number.MAX_VALUE), Number.MAX_VALUE);
});

test('int32 edges', () => {
  assert.equal(numbers.int32(2147483647), 2147483647);
  assert.equal(numbers.int32(-2147483648), -2147483648);
  assert.equal(numbers.int32PlusOne(2147483647), 2147483648);
  assert.throws(() => numbers.int32(2147483648), { name: 'RangeError', message: /'n'.*int/ });
  assert.throws(() => numbers.int32(-2147483649), { name: 'RangeError' });
  assert.throws(() => numbers.int32(1.5), { name: 'RangeError' });
  assert.throws(() => numbers.int32(NaN), { name: 'RangeError' });
});

test('2^53 edges', () => {
  assert.equal(numbers.int64(Number.MAX_SAFE_INTEGER), Number.MAX_SAFE_INTEGER);
  assert.equal(numbers.int64(Number.MIN_SAFE_INTEGER), Number.MIN_SAFE_INTEGER);
  assert.throws(() => numbers.int64(2 ** 53), { name: 'RangeError', message: /safe integer/ });
  assert.equal(numbers.echo(2 ** 53), 2 ** 53);
  assert.equal(numbers.echo(2 ** 53 + 2), 2 ** 53 + 2);
  assert.equal(numbers.longToJs('9007199254740993'), 9007199254740993n); // a BigInt, never rounded
  assert.equal(numbers.longToJs('9007199254740991'), 9007199254740991);
  assert.equal(numbers.longToJs('-9007199254740991'), -9007199254740991);
});

test('BigInts round-trip exactly', () => {
  for (const n of [0n, 1n, -1n, 2n ** 63n, -(2n ** 64n) - 1n, 2n ** 200n + 12345n]) {
    assert.equal(numbers.bigintEcho(n), n);
    assert.equal(numbers.bigintToString(n), n.toString());
  }
});

test('booleans round-trip', () => {
  assert.equal(numbers.bool(true), false);
  assert.equal(numbers.bool(false), true);
});
