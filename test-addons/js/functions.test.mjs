import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadTopic } from './support.mjs';

const fns = loadTopic('Functions');

test('exports Java functions with their names', () => {
  assert.equal(typeof fns.add, 'function');
  assert.equal(fns.add.name, 'add');
});

test('add returns the sum of two numbers', () => {
  assert.equal(fns.add(2, 3), 5);
  assert.equal(fns.add(0.1, 0.2), 0.1 + 0.2);
});

test('a function returning null gives undefined', () => {
  assert.equal(fns.noop(), undefined);
});

test('any number of arguments arrives in Java', () => {
  assert.equal(fns.countArgs(), 0);
  assert.equal(fns.countArgs(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), 12);
  const many = Array.from({ length: 100 }, (_, i) => i);
  assert.equal(fns.countArgs(...many), 100);
});

test('argument types are seen as in JS', () => {
  assert.deepEqual(fns.argTypes(undefined, null, true, 1, 's', Symbol('x'), {}, [], () => 1, 10n),
    ['undefined', 'null', 'boolean', 'number', 'string', 'symbol', 'object', 'array', 'function', 'bigint']);
});

test('Java calls a JS function with a this and arguments', () => {
  const self = { base: 10 };
  const result = fns.callWithThis(function (x, y) { return this.base + x + y; }, self, 1, 2);
  assert.equal(result, 13);
});

test('Java calls a JS function with many arguments', () => {
  assert.equal(fns.callWithArgs((...args) => args.join('-'), 'a', 1, true, null, undefined, 7n), 'a-1-true---7');
  const many = Array.from({ length: 40 }, (_, i) => i);
  assert.equal(fns.callWithArgs((...args) => args.length, ...many), 40);
});

test('a Java function can return a new Java function (closure)', () => {
  const add5 = fns.makeAdder(5);
  assert.equal(add5(10), 15);
  assert.equal(add5.name, 'adder');
});

test('many Java closures are created and collected without growing without bound', () => {
  for (let i = 0; i < 20000; i++) assert.equal(fns.makeAdder(i)(1), i + 1);
});

test('handle scopes in a Java loop calling JS', () => {
  assert.equal(fns.callRepeatedly((i) => i * 2, 100000), 2 * (99999 * 100000) / 2);
});

test('Java constructs a JS class instance', () => {
  class Point { constructor(x) { this.x = x; } }
  const p = fns.construct(Point, 4);
  assert.ok(p instanceof Point);
  assert.equal(p.x, 4);
});

test('this of a method call is seen in Java', () => {
  const obj = { name: 'me', thisName: fns.thisName };
  assert.equal(obj.thisName(), 'me');
});

test('Java collections, booleans and BigIntegers convert to JS', () => {
  assert.deepEqual(fns.returnsJava(), { list: [1, 'two', true], nothing: false, big: 123456789012345678901234567890n });
});

test('reentrant calls: JS -> Java -> JS -> Java', () => {
  const inner = (x) => fns.add(x, 1);
  assert.equal(fns.callWithThis(function (a, b) { return inner(a) + inner(b); }, null, 1, 2), 5);
});

test('reentrant calls: each nested Java call keeps its own arguments, at any nesting depth', () => {
  assert.equal(fns.argsAfterNestedCall(() => fns.argsAfterNestedCall(() => fns.add(1, 2), 'inner', 2), 'outer', 1, 'extra'),
    'outer:1:4');
  const seen = [];
  const nest = (depth) => (depth === 0 ? fns.add(0, 0)
    : seen.push(fns.argsAfterNestedCall(() => nest(depth - 1), `depth ${depth}`, depth)));
  nest(12);
  assert.deepEqual(seen, Array.from({ length: 12 }, (_, i) => `depth ${i + 1}:${i + 1}:3`));
});

test('reentrant calls: a Java function that throws inside a nested call leaves the outer call intact', () => {
  const result = fns.argsAfterNestedCall(() => {
    assert.throws(() => fns.argsAfterNestedCall(() => { throw new Error('boom'); }, 'inner', 2), /boom/);
    assert.equal(fns.add(3, 4), 7);
  }, 'outer', 5);
  assert.equal(result, 'outer:5:3');
});
