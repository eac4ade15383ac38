// Property-based fuzzing of one test-addon topic, run inside a child Node process by
// fuzz.test.mjs (so that a crash or a hang fails that topic, not the test run).
//
// Every exported function (and class, method, getter and setter found in the exports) is called
// with random and adversarial JS values built from "recipes": plain data that fast-check
// generates and shrinks, and that names the value in a report. A call may return anything or
// throw an Error; what fails the topic is a thrown value (or a rejection, or an uncaught
// exception) that is neither an Error nor a value the fuzzer itself threw, and, seen by the
// parent, a crash (signal, exit code) or a hang (timeout). The last calls are written to a file
// before each call, so that the parent can name the call that crashed or hung.
import fc from 'fast-check';
import { closeSync, openSync, writeSync, ftruncateSync } from 'node:fs';
import { createRequire } from 'node:module';
import { types } from 'node:util';

const require = createRequire(import.meta.url);
const KEEP_CALLS = Number(process.env.FUZZ_KEEP_CALLS ?? 6); // the last calls written down for a crash report

/**
 * Functions that are not fuzzed, each with the reason: they block, never stop, exhaust the
 * machine or the process by design. Each is covered by its own test.
 */
export const SKIP = {
  // Start Java threads that call the JS thread until the env closes: would flood the JS thread
  // for the rest of the run (threadsafe.test.mjs and channels.test.mjs cover them).
  'Threadsafe.spam': 'calls the JS thread forever from Java threads',
  'Channels.flood': 'sends to the JS thread forever from a Java thread',
  'Channels.floodPost': 'posts to the JS thread forever from Java threads',
  'Failures.callUntilClosed': 'calls the JS thread forever from Java threads',
  'Failures.holdPastTeardown': 'a Java thread holds a function until the env closes',
  // Fills the Java heap on purpose (failures.test.mjs runs it with a small heap).
  'Failures.exhaustHeap': 'fills the Java heap on purpose',
  // Join, on the JS thread, work that only the JS thread can do: they block by design until
  // issue 13 item 4 makes them throw (failures.test.mjs runs them with a timeout).
  'Failures.joinThreadsafeCall': 'joins on the JS thread a call only the JS thread can run',
  'Failures.joinChannelSend': 'joins on the JS thread a message only the JS thread can run',
  'Failures.joinPromiseAwait': 'joins on the JS thread a promise only the JS thread can settle',
  'Failures.joinBlockedProducer': 'joins on the JS thread a producer only the JS thread can unblock',
  // Occupy or release the one thread of a test executor: a hold without its open keeps a
  // promise pending for good (cancellation.test.mjs pairs them).
  'Cancellation.holdGate': 'occupies a test executor until openGate()',
  'Cancellation.openGate': 'waits for a test executor that holdGate() may occupy for good',
  // Sleeps until its AbortSignal aborts (cancellation.test.mjs aborts it).
  'Cancellation.callbackTask': 'sleeps until its AbortSignal aborts',
};

/**
 * Arguments drawn from a narrow range instead of any value, each still including values of the
 * wrong kind: a count of platform threads that the function starts (a random int32 there would
 * start millions of threads and exhaust the machine, other processes included), and a count of
 * work items (messages, progress reports, JS calls) that the function makes one by one: a
 * random int32 asks for hours of work, which is the caller's wish and no failure of napi-java.
 * Counts whose excess must give a clean error (queue sizes, the number of tasks in
 * Async.startAndCancelLast, Strings.repeat) stay unconstrained.
 */
const ODD_COUNTS = fc.constantFrom(NaN, -0, 0.5, Infinity, -Infinity, 2 ** 31, -(2 ** 31) - 1);
const THREAD_COUNT = fc.oneof(fc.integer({ min: -1, max: 4 }), ODD_COUNTS);
const WORK_COUNT = fc.oneof(fc.integer({ min: -2, max: 10_000 }), ODD_COUNTS);
const CONSTRAINED = {
  'Threadsafe.produce': { 0: THREAD_COUNT, 1: WORK_COUNT },
  'Channels.sendInOrder': { 0: THREAD_COUNT, 1: WORK_COUNT },
  'Channels.postInOrder': { 0: THREAD_COUNT, 1: WORK_COUNT },
  'Async.manyOnPool': { 0: WORK_COUNT, 1: fc.oneof(fc.integer({ min: -1, max: 2 }), ODD_COUNTS) }, // ms each, 4 at a time
  'Async.withProgress': { 0: WORK_COUNT },
  'Functions.callRepeatedly': { 1: WORK_COUNT },
  // Milliseconds of sleep that keep Node alive until they end (tasks; a future of a virtual thread).
  'Cancellation.sleepTask': { 0: fc.oneof(fc.integer({ min: -1, max: 20 }), ODD_COUNTS) },
  'Cancellation.slowEcho': { 1: fc.oneof(fc.integer({ min: -1, max: 20 }), ODD_COUNTS) },
};

// --- values the fuzzer throws (allowed to come back as they are) ---

class FuzzError extends Error {}
const THROWN = {
  error: new FuzzError('thrown by the fuzzer'),
  string: 'a string thrown by the fuzzer',
  symbol: Symbol('thrown by the fuzzer'),
  object: { thrownByTheFuzzer: true },
};
const OURS = new Set(Object.values(THROWN));
const thrower = (value = THROWN.error) => () => { throw value; };
const THROW_ALL = Object.fromEntries(['get', 'set', 'has', 'deleteProperty', 'ownKeys', 'getOwnPropertyDescriptor', 'defineProperty',
  'getPrototypeOf', 'setPrototypeOf', 'isExtensible', 'preventExtensions', 'apply', 'construct'].map((trap) => [trap, thrower()]));

/** Whether a value thrown by a call is acceptable: an Error, or one of the fuzzer's own values. */
function acceptable(thrown) {
  return thrown instanceof Error || OURS.has(thrown);
}

// --- adversarial values, by name ---

function deep(n, wrap) {
  let value = {};
  for (let i = 0; i < n; i++) value = wrap(value);
  return value;
}

function detached() {
  const buffer = new ArrayBuffer(16);
  structuredClone(buffer, { transfer: [buffer] });
  return buffer;
}

// An array whose elements, when read, append more elements (up to 100,000): its length changes
// while it is being read.
function growingArray() {
  const array = [];
  const grow = () => {
    if (array.length < 100_000) Object.defineProperty(array, array.length, { get: grow, enumerable: true, configurable: true });
    return 1;
  };
  Object.defineProperty(array, 0, { get: grow, enumerable: true, configurable: true });
  return array;
}

const SPECIAL = {
  hugeString1M: () => 'x'.repeat(1 << 20),
  hugeString16M: () => 'y'.repeat(1 << 24),
  loneSurrogates: () => '\uD800a\uDFFF\uDBFF',
  nulCharacters: () => 'a\0b\0',
  emptyString: () => '',
  deepArray100k: () => deep(100_000, (v) => [v]),
  deepObject10k: () => deep(10_000, (v) => ({ v })),
  deep65: () => deep(65, (v) => ({ v })),
  cyclicObject: () => { const o = { name: 'cyclic' }; o.self = o; return o; },
  cyclicArray: () => { const a = [1]; a.push(a); return a; },
  sharedDag40: () => deep(40, (v) => ({ a: v, b: v })),
  growingArray,
  manyKeys100k: () => Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i])),
  numbers1M: () => new Array(1 << 20).fill(1.5),
  holeyArray1M: () => new Array(1 << 20),
  sparseArray: () => [, , 1], // eslint-disable-line no-sparse-arrays
  arrayLike: () => ({ 0: 'a', 1: 'b', length: 2 }),
  arrayWithProps: () => Object.assign([1, 2], { extra: 'x' }),
  throwingProxy: () => new Proxy({}, THROW_ALL),
  throwingArrayProxy: () => new Proxy([1, 2, 3], THROW_ALL),
  throwingFunctionProxy: () => new Proxy(function target() {}, THROW_ALL),
  revokedProxy: () => { const { proxy, revoke } = Proxy.revocable({}, {}); revoke(); return proxy; },
  throwingGetters: () => Object.defineProperties({}, Object.fromEntries(['name', 'message', 'stack', 'then', 'length', 'x', 'a']
    .map((key) => [key, { get: thrower(), enumerable: true }]))),
  throwingThenGetter: () => ({ get then() { throw THROWN.error; } }),
  throwingThen: () => ({ then: thrower(THROWN.string) }),
  thenableSync: () => ({ then(resolve) { resolve(1); } }),
  thenableBoth: () => ({ then(resolve, reject) { resolve(1); reject(THROWN.error); resolve(2); } }),
  resolvedPromise: () => Promise.resolve(1),
  rejectedPromise: () => { const p = Promise.reject(THROWN.error); p.catch(() => {}); return p; },
  rejectedWithString: () => { const p = Promise.reject(THROWN.string); p.catch(() => {}); return p; },
  pendingPromise: () => new Promise(() => {}),
  throwingPrimitive: () => ({ [Symbol.toPrimitive]: thrower(), toString: thrower(), valueOf: thrower() }),
  nullPrototype: () => Object.create(null),
  nullPrototypeWithKeys: () => Object.assign(Object.create(null), { a: 1, then: 2 }),
  frozen: () => Object.freeze({ a: 1, b: [2] }),
  symbolKeys: () => ({ [Symbol('k')]: 1, s: Symbol('v') }),
  mutatingGetter: () => ({ get a() { delete this.b; this.c = 3; return 1; }, b: 2 }),
  date: () => new Date(0),
  invalidDate: () => new Date(NaN),
  regexp: () => /a+/g,
  map: () => new Map([[1, 2]]),
  set: () => new Set([1]),
  weakMap: () => new WeakMap(),
  weakRef: () => new WeakRef({}),
  error: () => new Error('an error value'),
  typeError: () => new TypeError('a type error value'),
  aggregateError: () => new AggregateError([new Error('inner')], 'outer'),
  errorWithThrowingStack: () => Object.defineProperty(new Error('e'), 'stack', { get: thrower() }),
  errorWithThrowingMessage: () => Object.defineProperty(new Error('e'), 'message', { get: thrower(THROWN.symbol) }),
  symbol: () => Symbol('fuzz'),
  wellKnownSymbol: () => Symbol.iterator,
  registeredSymbol: () => Symbol.for('fuzz'),
  bigint1000Bits: () => 2n ** 1000n,
  bigintBelowLong: () => -(2n ** 63n) - 1n,
  bigint2pow64: () => 2n ** 64n,
  int8: () => new Int8Array([-128, 127]),
  uint8: () => new Uint8Array([0, 255, 7]),
  uint8Clamped: () => new Uint8ClampedArray(3),
  int16: () => new Int16Array(2),
  uint16: () => new Uint16Array(2),
  int32: () => new Int32Array([-1]),
  uint32: () => new Uint32Array([2 ** 32 - 1]),
  float32: () => new Float32Array([NaN, -0]),
  float64: () => new Float64Array([1.5, -0, Infinity]),
  float64Large: () => new Float64Array(1 << 20),
  bigInt64: () => new BigInt64Array([-1n]),
  bigUint64: () => new BigUint64Array([2n ** 64n - 1n]),
  emptyTypedArray: () => new Float64Array(0),
  offsetSubarray: () => new Uint8Array(16).subarray(3, 7),
  dataView: () => new DataView(new ArrayBuffer(8), 2),
  buffer: () => Buffer.from('abc'),
  arrayBuffer: () => new ArrayBuffer(16),
  sharedArrayBuffer: () => new SharedArrayBuffer(16),
  detachedArrayBuffer: detached,
  detachedTypedArray: () => { const array = new Float64Array(2); structuredClone(array.buffer, { transfer: [array.buffer] }); return array; },
  classConstructor: () => class Fuzzed {},
  boundFunction: () => function bound() { return this; }.bind({ bound: true }),
  generatorFunction: () => function* generator() { yield 1; },
  asyncFunction: () => async () => 1,
  nativeFunction: () => Math.max,
};

// Names whose values are small enough to use at any argument position often.
const NUMBERS = [NaN, -0, 0, Infinity, -Infinity, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 32, 2 ** 53, -(2 ** 53), 2 ** 63,
  Number.MAX_VALUE, Number.MIN_VALUE, 0.5, -1, 1e21];

// --- recipes: plain data that fast-check generates, shrinks and prints ---

const anything = fc.anything({
  maxDepth: 3, maxKeys: 5, withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withSet: true,
  withNullPrototype: true, withObjectString: true, withTypedArray: true, withSparseArray: true, stringUnit: 'binary',
});
const special = fc.constantFrom(...Object.keys(SPECIAL)).map((name) => ({ $special: name }));
const number = fc.oneof(fc.constantFrom(...NUMBERS), fc.integer({ min: -3, max: 100 }), fc.integer(), fc.double());
const string = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('hugeString1M', 'loneSurrogates', 'nulCharacters', 'emptyString').map((name) => ({ $special: name })));
const plain = fc.oneof(anything, number, string, fc.bigInt());
// A JS function: returns a value, throws one of ours, rejects, or calls the function under test
// again with the same arguments (synchronous re-entry only, so without bound: it ends in a stack
// overflow on one side or the other).
const fn = fc.oneof(
  plain.map((returns) => ({ $fn: 'returns', returns })),
  special.map((returns) => ({ $fn: 'returns', returns })),
  fc.constantFrom(...Object.keys(THROWN)).map((thrown) => ({ $fn: 'throws', thrown })),
  fc.constantFrom(...Object.keys(THROWN)).map((thrown) => ({ $fn: 'rejects', thrown })),
  fc.constant({ $fn: 'reenters' }),
  fc.constant({ $fn: 'returnsThis' }),
);
const anyRecipe = fc.oneof({ weight: 4, arbitrary: plain }, { weight: 3, arbitrary: special }, { weight: 2, arbitrary: fn });

/** Recipes for an argument that a function says it expects (from its TypeError), or any. */
const TYPED = {
  'a function': fn,
  'a string': string,
  'a number': number,
  'a boolean': fc.oneof(fc.boolean(), fc.constantFrom(0, 1, 'true')),
  'a bigint': fc.oneof(fc.bigInt(), fc.constantFrom('bigint1000Bits', 'bigintBelowLong', 'bigint2pow64').map((name) => ({ $special: name }))),
  'an object': fc.oneof(fc.object({ maxDepth: 2, withBigInt: true, withNullPrototype: true }), special),
  'an array': fc.oneof(fc.array(anything, { maxLength: 6 }), fc.array(number, { maxLength: 6 }), special),
  'a TypedArray': fc.constantFrom('int8', 'uint8', 'uint8Clamped', 'int16', 'uint16', 'int32', 'uint32', 'float32', 'float64',
    'float64Large', 'bigInt64', 'bigUint64', 'emptyTypedArray', 'offsetSubarray', 'dataView', 'buffer', 'detachedTypedArray')
    .map((name) => ({ $special: name })),
};

/** Whether `value` is a recipe (an object with the `key` marker) rather than a plain value. */
function isRecipe(value, key) {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype && Object.hasOwn(value, key);
}

// --- the run ---

/** Fuzzes the topic `topic` of the test-addon jar; prints `RESULT <json>` and exits. */
export async function fuzzTopic({ topic, runs, seed, jar, lastCallsFile }) {
  const failures = [];
  const thrownKinds = {};
  const samples = {}; // one message for each kind thrown
  let calls = 0;
  let current; // { target, thisArg, args } of the call under way, for re-entry
  let depth = 0;

  const lastCalls = [];
  const log = openSync(lastCallsFile, 'w');
  function record(text) {
    lastCalls.push(text.length > 600 ? `${text.slice(0, 600)}...` : text);
    if (lastCalls.length > KEEP_CALLS) lastCalls.shift();
    const block = `${lastCalls.join('\n')}\nEND\n`;
    ftruncateSync(log, 0);
    writeSync(log, block, 0);
  }
  const fail = (what) => failures.push(what.length > 2000 ? `${what.slice(0, 2000)}...` : what);

  process.on('uncaughtException', (error) => {
    if (!acceptable(error)) fail(`uncaught exception that is not an Error: ${describeThrown(error)}; last calls:\n${lastCalls.join('\n')}`);
  });
  process.on('unhandledRejection', (reason) => {
    if (!acceptable(reason)) fail(`unhandled rejection that is not an Error: ${describeThrown(reason)}; last calls:\n${lastCalls.join('\n')}`);
  });

  function build(recipe) {
    if (isRecipe(recipe, '$special')) return SPECIAL[recipe.$special]();
    if (isRecipe(recipe, '$fn')) {
      switch (recipe.$fn) {
        case 'returns': return function fuzzed() { return build(recipe.returns); };
        case 'throws': return thrower(THROWN[recipe.thrown]);
        case 'rejects': return async () => { throw THROWN[recipe.thrown]; };
        case 'returnsThis': return function fuzzed() { return this; };
        case 'reenters': return function reenter() {
          // Only while the call under test runs (a call from a Java thread later does nothing).
          return depth > 0 && current ? invoke(current) : undefined;
        };
      }
    }
    return recipe;
  }

  function invoke({ target, thisArg, args, construct }) {
    depth++;
    try {
      if (construct) return Reflect.construct(target.fn, args);
      return Reflect.apply(target.fn, thisArg, args);
    } finally {
      depth--;
    }
  }

  function observe(result, name) {
    if (types.isPromise(result) && !types.isProxy(result)) {
      result.then(undefined, (reason) => {
        if (!acceptable(reason)) fail(`${name} rejected with a value that is not an Error: ${describeThrown(reason)}`);
      });
    }
  }

  /** One call: true unless it threw a value that is neither an Error nor ours. */
  function call(target, recipes, thisRecipe, construct) {
    const name = `${topic}.${target.name}`;
    record(`${construct ? 'new ' : ''}${name}(${recipes.map((r) => fc.stringify(r)).join(', ')})${thisRecipe === undefined ? '' : ` this=${fc.stringify(thisRecipe)}`}`);
    calls++;
    const args = recipes.map(build);
    const thisArg = thisRecipe === undefined ? target.defaultThis?.() : build(thisRecipe);
    current = { target, thisArg, args, construct };
    try {
      observe(invoke(current), name);
      return true;
    } catch (thrown) {
      const kind = thrown instanceof Error ? `${thrown.name}${thrown.javaClass ? ` (${thrown.javaClass})` : ''}` : describeThrown(thrown);
      thrownKinds[kind] = (thrownKinds[kind] ?? 0) + 1;
      if (!(kind in samples)) samples[kind] = `${name}: ${thrown instanceof Error ? String(thrown.message).slice(0, 200) : ''}`;
      return acceptable(thrown);
    } finally {
      current = undefined;
    }
  }

  let exports;
  try {
    // A small Java heap: huge counts (queue sizes, numbers of tasks) exhaust it sooner.
    exports = require('../../loader/index.js').load(jar, { addon: `dev.napijava.tests.${topic}`, jvmOptions: ['-Xmx192m'] });
  } catch (error) {
    console.log(`RESULT ${JSON.stringify({ topic, failures: [`load failed: ${error.stack}`] })}`);
    process.exit(1);
  }
  const targets = findTargets(exports).filter((target) => !(`${topic}.${target.name}` in SKIP));

  // The parameter types each function says it expects, found from its "is missing" TypeErrors.
  for (const target of targets) {
    target.params = [];
    for (let n = 0; n < 8; n++) {
      let missing;
      try {
        record(`${topic}.${target.name}(probe with ${target.params.join(', ') || 'no arguments'})`);
        observe(invoke({ target, thisArg: target.defaultThis?.(), args: target.params.map(plausible) }), target.name);
      } catch (thrown) {
        missing = thrown instanceof TypeError && /\(#(\d+)\) is missing: expected (.+)$/.exec(thrown.message);
        if (!acceptable(thrown)) fail(`${topic}.${target.name} threw a value that is not an Error when probed: ${describeThrown(thrown)}`);
      }
      if (!missing || Number(missing[1]) !== target.params.length + 1) break;
      target.params.push(missing[2]);
    }
  }

  const constraintsOf = (target) => CONSTRAINED[`${topic}.${target.name}`] ?? {};
  const argumentsFor = (target) => {
    const n = target.params.length;
    // Mostly as many arguments as it expects; now and then fewer or more.
    const counts = fc.oneof({ weight: 4, arbitrary: fc.constant(n) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: n + 2 }) });
    return counts.chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) =>
      constraintsOf(target)[i] ?? (i < n && TYPED[target.params[i]]
        ? fc.oneof({ weight: 3, arbitrary: TYPED[target.params[i]] }, { weight: 1, arbitrary: anyRecipe })
        : anyRecipe))));
  };
  const callArbitrary = fc.nat({ max: targets.length - 1 }).chain((index) => fc.record({
    index: fc.constant(index),
    recipes: argumentsFor(targets[index]),
    thisRecipe: targets[index].kind === 'method' || targets[index].kind === 'accessor'
      ? fc.option(anyRecipe, { nil: undefined, freq: 2 })
      : fc.constant(undefined),
    construct: targets[index].kind === 'class' ? fc.constant(true) : fc.nat({ max: 9 }).map((n) => n === 0), // `new f()` now and then
  }));

  let run = 0;
  let property;
  if (targets.length > 0) {
    property = fc.asyncProperty(callArbitrary, async ({ index, recipes, thisRecipe, construct }) => {
      if (++run % 25 === 0) await new Promise((resolve) => setImmediate(resolve)); // let callbacks and messages run
      return call(targets[index], recipes, thisRecipe, construct);
    });
    const outcome = await fc.check(property, { numRuns: runs, seed, endOnFailure: true }); // report a failure at once: shrinking calls that start threads can run for minutes
    if (outcome.failed) {
      fail(`a call threw a value that is neither an Error nor the fuzzer's: ${topic}.${targets[outcome.counterexample[0].index].name}`
        + ` with ${fc.stringify(outcome.counterexample[0])} (seed ${outcome.seed}, path ${outcome.counterexamplePath})`);
    }
  }
  // Outcomes that come later: rejections, uncaught exceptions of callbacks.
  await new Promise((resolve) => setTimeout(resolve, 300));
  closeSync(log);
  const summary = { topic, targets: targets.length, calls, skipped: Object.keys(SKIP).filter((name) => name.startsWith(`${topic}.`)),
    params: Object.fromEntries(targets.map((t) => [t.name, t.params])), thrownKinds, samples, failures };
  console.log(`RESULT ${JSON.stringify(summary)}`);
  process.exit(failures.length ? 1 : 0);
}

/** A well-typed value for a probe. */
function plausible(expected) {
  switch (expected) {
    case 'a function': return () => undefined;
    case 'a string': return 'a';
    case 'a number': return 1;
    case 'a boolean': return false;
    case 'a bigint': return 1n;
    case 'an object': return {};
    case 'an array': return [];
    case 'a TypedArray': return new Float64Array(2);
    default: return 0;
  }
}

/**
 * Every function reachable from the exports: functions ("call"), classes (constructors with
 * prototype methods: "class", each method "method", accessors "accessor"), and the same inside
 * exported plain objects and as static members.
 */
export function findTargets(exports) {
  const targets = [];
  const seen = new Set();
  const skipKeys = new Set(['length', 'name', 'prototype', 'arguments', 'caller', 'constructor']);
  function walk(holder, path, level) {
    if (level > 3 || seen.has(holder)) return;
    seen.add(holder);
    for (const key of Reflect.ownKeys(holder)) {
      if (typeof holder === 'function' && skipKeys.has(key)) continue;
      const name = `${path}${typeof key === 'symbol' ? `[${String(key)}]` : key}`;
      const descriptor = Object.getOwnPropertyDescriptor(holder, key);
      if (descriptor.get || descriptor.set) {
        for (const accessor of [descriptor.get, descriptor.set]) {
          if (accessor) targets.push({ name: `${name} (${accessor === descriptor.get ? 'get' : 'set'})`, fn: accessor, kind: 'accessor', defaultThis: () => holder });
        }
        continue;
      }
      const value = descriptor.value;
      if (typeof value === 'function') {
        const proto = value.prototype;
        const methods = proto && typeof proto === 'object' ? Reflect.ownKeys(proto).filter((k) => k !== 'constructor') : [];
        if (methods.length > 0 || /^class\b/.test(Function.prototype.toString.call(value))) {
          targets.push({ name, fn: value, kind: 'class' });
          let instance;
          const defaultThis = () => {
            if (instance === undefined) {
              try { instance = Reflect.construct(value, []); } catch { instance = Object.create(proto); }
            }
            return instance;
          };
          for (const method of methods) {
            const d = Object.getOwnPropertyDescriptor(proto, method);
            const methodName = `${name}.prototype.${String(method)}`;
            if (typeof d.value === 'function') targets.push({ name: methodName, fn: d.value, kind: 'method', defaultThis });
            if (d.get) targets.push({ name: `${methodName} (get)`, fn: d.get, kind: 'accessor', defaultThis });
            if (d.set) targets.push({ name: `${methodName} (set)`, fn: d.set, kind: 'accessor', defaultThis });
          }
        } else {
          targets.push({ name, fn: value, kind: 'call' });
        }
        walk(value, `${name}.`, level + 1); // static members
      } else if (value !== null && typeof value === 'object' && !types.isProxy(value)) {
        walk(value, `${name}.`, level + 1);
      }
    }
  }
  walk(exports, '', 0);
  return targets;
}

function describeThrown(value) {
  try {
    return `${typeof value} ${fc.stringify(value).slice(0, 300)}`;
  } catch {
    return typeof value;
  }
}
