import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const addon = createRequire(import.meta.url)('..');

test('hello greets from Java', () => {
  assert.match(addon.hello('Ada'), /^Hello, Ada, from Java \d+$/);
});

test('add adds', () => {
  assert.equal(addon.add(20, 22), 42);
});

test('a wrong argument is a TypeError that names it', () => {
  assert.throws(() => addon.hello(42), { name: 'TypeError', message: /argument 'name'.*must be a string, got number/ });
});
