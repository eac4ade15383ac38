import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadTopic } from './support.mjs';

const strings = loadTopic('Strings');

test('ASCII strings round-trip', () => {
  assert.equal(strings.echo('hello world'), 'hello world');
  assert.equal(strings.upper('abc'), 'ABC');
});

test('the empty string round-trips', () => {
  assert.equal(strings.echo(''), '');
  assert.equal(strings.javaLength(''), 0);
});

test('Latin-1 strings round-trip', () => {
  assert.equal(strings.echo('café ÿ ©'), 'café ÿ ©');
});

test('Unicode strings round-trip: CJK, emoji, combining marks', () => {
  const text = '日本語 🎉👩‍👩‍👧 é Ω';
  assert.equal(strings.echo(text), text);
  assert.equal(strings.javaLength(text), text.length);
  assert.equal(strings.concat('😀', 'é'), '😀é');
});

test('lone surrogates survive both ways', () => {
  for (const text of ['\uD800', '\uDFFF', 'a\uD800b', '\uDC00\uD800', 'x\uD83D']) {
    assert.equal(strings.echo(text), text);
    assert.deepEqual(strings.codeUnits(text), [...text].flatMap((c) => Array.from({ length: c.length }, (_, i) => c.charCodeAt(i))));
  }
  assert.equal(strings.fromCodeUnits([0xd800, 0x61]), '\uD800a');
});

test('a 1 MB ASCII string round-trips', () => {
  const big = 'abcdefghij'.repeat(100_000);
  assert.equal(strings.echo(big), big);
  assert.equal(strings.repeat('x', 1 << 20).length, 1 << 20);
});

test('a 1 MB non-Latin-1 string round-trips', () => {
  const big = 'ж😀'.repeat(350_000);
  assert.equal(strings.echo(big), big);
  assert.equal(strings.jsLength(big), big.length);
});

test('strings just around the scratch buffer size round-trip', () => {
  for (const n of [2046, 2047, 2048, 2049, 4095, 4096, 4097]) {
    const text = 'é'.repeat(n);
    assert.equal(strings.echo(text), text);
    const wide = 'ж'.repeat(n);
    assert.equal(strings.echo(wide), wide);
  }
});

test('strings around the kept scratch limit (512K code units) and the 64K copy pieces round-trip', () => {
  for (const n of [(1 << 16) - 1, (1 << 16) + 1, (1 << 19) - 1, 1 << 19, (1 << 19) + 1, 3 * (1 << 19) + 7]) {
    const text = 'aé'.repeat(n >> 1) + 'ж😀'.slice(0, 1 + (n & 1));
    assert.equal(strings.echo(text), text);
    assert.equal(strings.javaLength(text), text.length);
    assert.equal(strings.repeat('ж', n), 'ж'.repeat(n));
  }
});

test('coerceToString follows JS String()', () => {
  assert.equal(strings.coerce(12.5), '12.5');
  assert.equal(strings.coerce({ toString() { return 'custom'; } }), 'custom');
  assert.equal(strings.coerce(null), 'null');
});
