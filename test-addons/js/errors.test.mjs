import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadTopic } from './support.mjs';

const errors = loadTopic('Errors');

test('a Java exception becomes a JS Error with the Java class, message and stack', () => {
  assert.throws(() => errors.throwJava('bad state'), (e) => {
    assert.ok(e instanceof Error);
    assert.equal(e.message, 'bad state'); // the Java message alone: the class is in javaClass
    assert.equal(e.javaClass, 'java.lang.IllegalStateException');
    assert.match(e.javaStackTrace, /\tat \S*dev\.napijava\.tests\.Errors\./);
    return true;
  });
});

test('the Java cause becomes the JS cause', () => {
  assert.throws(() => errors.throwWithCause(), (e) => {
    assert.equal(e.message, 'outer');
    assert.ok(e.cause instanceof Error);
    assert.equal(e.cause.javaClass, 'java.io.IOException');
    assert.equal(e.cause.message, 'inner cause');
    return true;
  });
});

test('JsError gives TypeError and RangeError with codes', () => {
  assert.throws(() => errors.throwTypeError('wrong'), { name: 'TypeError', message: 'wrong', code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => errors.throwRangeError('far'), { name: 'RangeError', message: 'far', code: 'ERR_OUT_OF_RANGE' });
});

test('a JS exception becomes a JsException in Java', () => {
  assert.equal(errors.catchJs(() => { throw new TypeError('from JS'); }), 'caught JsException: TypeError: from JS');
  assert.equal(errors.catchJs(() => { throw 'a string'; }), 'caught JsException: a string');
  assert.equal(errors.catchJs(() => 1), 'no exception');
});

test('a JS exception passing through Java reaches JS as the same value', () => {
  const original = new Error('same one');
  assert.throws(() => errors.passThrough(() => { throw original; }), (e) => e === original);
  assert.throws(() => errors.passThrough(() => { throw 42; }), (e) => e === 42);
});

test('JsException carries the thrown value and the JS stack', () => {
  const original = { custom: true };
  assert.equal(errors.caughtValue(() => { throw original; }), original);
  assert.match(errors.jsStackSeen(function thrower() { throw new Error('x'); }), /thrower/);
});

test('NullPointerException, Error and StackOverflowError do not crash Node', () => {
  assert.throws(() => errors.nullPointer(), { javaClass: 'java.lang.NullPointerException', message: /because "nothing" is null/ });
  assert.throws(() => errors.throwError(), { javaClass: 'java.lang.AssertionError', message: 'an Error, not an Exception' });
  assert.throws(() => errors.stackOverflow(), { javaClass: 'java.lang.StackOverflowError' });
  assert.equal(errors.catchJs(() => 1), 'no exception'); // still usable
});

test('a result that has no JS form is a TypeError', () => {
  assert.throws(() => errors.unconvertible(), { name: 'TypeError', message: /cannot convert a Java java.lang.Object/ });
});

test('deep JS recursion that calls Java does not crash', () => {
  const recurse = (n) => errors.passThrough(() => recurse(n + 1));
  assert.throws(() => recurse(0), RangeError);
});
