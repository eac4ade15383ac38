// The addon as its users see it: `import` (index.mjs) and `require` (index.js) of the package by
// its name. Run with `npm test` after `npm run build`; add test files to the "test" script.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import addon, * as namespace from '{{name}}';
import { Counter, add, countPrimes, distance, hello } from '{{name}}';

const required = createRequire(import.meta.url)('{{name}}');

test('hello greets from Java', () => {
  assert.match(hello('Ada'), /^Hello, Ada, from Java \d+$/);
});

test('add adds', () => {
  assert.equal(add(20, 22), 42);
});

test('distance reads two records from plain objects', () => {
  assert.equal(distance({ x: 0, y: 0 }, { x: 3, y: 4 }), 5);
});

test('a wrong argument is a TypeError that names it', () => {
  assert.throws(() => hello(42), { name: 'TypeError', message: /argument 'name'.*must be a string, got number/ });
  assert.throws(() => distance({ x: 0 }, { x: 1, y: 1 }), TypeError);
});

test('countPrimes resolves a Promise from a Java thread', async () => {
  const pending = countPrimes(100);
  assert.ok(pending instanceof Promise);
  assert.equal(await pending, 25);
});

test('Counter is a JS class over a Java object', () => {
  const counter = new Counter(40);
  assert.equal(counter.add(2), 42);
  assert.equal(counter.value, 42);
  assert.ok(counter instanceof Counter);
});

test('import and require give the same exports, each of them by name', () => {
  assert.equal(addon, required);
  assert.deepEqual(Object.keys(namespace).filter((k) => k !== 'default').sort(), Object.keys(required).sort());
  for (const name of Object.keys(required)) assert.equal(namespace[name], required[name], name);
});
