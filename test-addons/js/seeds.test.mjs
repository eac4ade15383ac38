import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadTopic } from './support.mjs';

const seeds = loadTopic('Seeds');

test('processUserData upper-cases the name and returns the callback result', () => {
  assert.equal(seeds.processUserData('alice', (n) => 'Hello, ' + n + '!'), 'Hello, ALICE!');
});

test('processUserData passes exactly one argument to the callback', () => {
  assert.deepEqual(seeds.processUserData('bob', (...args) => args), ['BOB']);
});

test('processUserData rejects a non-string username with a TypeError', () => {
  assert.throws(() => seeds.processUserData(42, (n) => n), { name: 'TypeError', message: /'username'.*must be a string, got number/ });
});

test('processUserData lets an exception of the callback through', () => {
  assert.throws(() => seeds.processUserData('x', () => { throw new RangeError('from callback'); }), { name: 'RangeError', message: 'from callback' });
});

test('calculateSalary calls the callback with base, 20% tax and the department', () => {
  const result = seeds.calculateSalary(5000, (base, tax, department) => ({ base, tax, department, net: base - tax }));
  assert.deepEqual(result, { base: 5000, tax: 1000, department: 'Engineering', net: 4000 });
});

test('calculateSalary returns what the callback returns', () => {
  assert.equal(seeds.calculateSalary(100, (base, tax, dept) => `${dept}:${base - tax}`), 'Engineering:80');
});

test('calculateSalary rejects a missing callback with a TypeError', () => {
  assert.throws(() => seeds.calculateSalary(100), { name: 'TypeError', message: /'callback'.*missing.*function/ });
});
