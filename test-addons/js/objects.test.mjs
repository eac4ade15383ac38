import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadTopic } from './support.mjs';

const objects = loadTopic('Objects');

test('Java creates an object with properties', () => {
  assert.deepEqual(objects.makePerson('Ada', 36), { name: 'Ada', age: 36, tags: ['a', 'b'] });
});

test('Java reads properties of a JS object', () => {
  assert.equal(objects.describe({ name: 'Bob', age: 41 }), 'Bob is 41');
});

test('a property of the wrong type is a TypeError', () => {
  assert.throws(() => objects.describe({ name: 7, age: 1 }), { name: 'TypeError', message: /expected a string, got number/ });
});

test('get, set, has and delete', () => {
  const target = { a: 1 };
  assert.equal(objects.get(target, 'a'), 1);
  assert.equal(objects.get(target, 'missing'), undefined);
  assert.equal(objects.set(target, 'b', 'two'), target);
  assert.equal(target.b, 'two');
  assert.equal(objects.has(target, 'b'), true);
  assert.equal(objects.has(target, 'toString'), true);
  assert.equal(objects.hasOwn(target, 'toString'), false);
  assert.equal(objects.delete(target, 'b'), true);
  assert.equal('b' in target, false);
  assert.equal(objects.delete(Object.freeze({ x: 1 }), 'x'), false);
});

test('keys by symbol and number', () => {
  const sym = Symbol('s');
  const target = { [sym]: 'by symbol', 3: 'by number' };
  assert.equal(objects.getByKey(target, sym), 'by symbol');
  assert.equal(objects.getByKey(target, 3), 'by number');
});

test('Object.keys seen from Java', () => {
  assert.equal(objects.keys({ x: 1, y: 2, z: 3 }), 'x,y,z');
});

test('getters run, and their exceptions reach JS unchanged', () => {
  const error = new Error('getter failed');
  const target = { get boom() { throw error; }, get ok() { return 'fine'; } };
  assert.equal(objects.get(target, 'ok'), 'fine');
  assert.throws(() => objects.get(target, 'boom'), (e) => e === error);
});

test('arrays: sum and reverse', () => {
  assert.equal(objects.sum([1, 2, 3.5]), 6.5);
  assert.deepEqual(objects.reverse([1, 'b', null]), [null, 'b', 1]);
  assert.equal(objects.sum([]), 0);
  assert.throws(() => objects.sum([1, 'x']), { name: 'TypeError' });
});

test('the global object and instanceof', () => {
  assert.equal(objects.globalLookup('Math'), Math);
  assert.equal(objects.isInstance(new Map(), Map), true);
  assert.equal(objects.isInstance({}, Map), false);
});
