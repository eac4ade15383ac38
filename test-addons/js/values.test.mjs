import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { JAR, LOADER, loadTopic, scaled } from './support.mjs';

const values = loadTopic('Values');

test('an Instant becomes a Date, to the millisecond', () => {
  const date = values.instant(1_700_000_000_123);
  assert.ok(date instanceof Date);
  assert.equal(date.getTime(), 1_700_000_000_123);
  assert.equal(values.instant(-1).toISOString(), '1969-12-31T23:59:59.999Z');
  assert.throws(() => values.farFuture(), { name: 'RangeError', message: /outside the range of a JS Date/ });
});

test('a Date argument is read as an Instant; an invalid Date is a RangeError', () => {
  assert.equal(values.dateMillis(new Date(Date.UTC(2024, 1, 29, 12))), Date.UTC(2024, 1, 29, 12));
  assert.equal(values.dateMillis(new Date(-8.64e15)), -8.64e15);
  assert.equal(values.dateAsArg(new Date(5)), 5);
  assert.throws(() => values.dateMillis(new Date(NaN)), {
    name: 'RangeError', message: /dateMillis\(\): argument 'date' \(#1\) must be a valid Date, got Invalid Date/,
  });
  assert.throws(() => values.dateMillis(Date.now()), { name: 'TypeError', message: /'date' \(#1\) must be a Date, got number/ });
  assert.throws(() => values.dateMillis({ getTime: () => 1 }), { name: 'TypeError', message: /must be a Date, got object/ });
  assert.throws(() => values.dateAsArg('2024-01-01'), { name: 'TypeError', message: /'date' \(#1\) must be a Date, got string/ });
});

test('an enum becomes its name, and a name becomes the enum; an unknown name is a TypeError listing the names', () => {
  assert.equal(values.color(1), 'GREEN');
  assert.equal(values.colorOrdinal('BLUE'), 2);
  assert.throws(() => values.colorOrdinal('PURPLE'), {
    name: 'TypeError',
    code: 'ERR_INVALID_ARG_VALUE',
    message: "colorOrdinal(): argument 'color' (#1) must be one of 'RED', 'GREEN', 'BLUE', got 'PURPLE'",
  });
  assert.throws(() => values.colorOrdinal('red'), { name: 'TypeError', message: /got 'red'/ });
  assert.throws(() => values.colorOrdinal(0), {
    name: 'TypeError', message: /'color' \(#1\) must be one of 'RED', 'GREEN', 'BLUE', got number/,
  });
});

test('primitive arrays become the matching TypedArray (boolean[] an array of booleans)', () => {
  const arrays = values.primitiveArrays();
  const expected = {
    bytes: [Uint8Array, [1, 255, 127]],
    shorts: [Int16Array, [-2, 300]],
    chars: [Uint16Array, [65, 65535]],
    ints: [Int32Array, [-1, 2 ** 31 - 1]],
    floats: [Float32Array, [0.5, -1.25]],
    doubles: [Float64Array, [Math.PI, NaN]],
    longs: [BigInt64Array, [-(2n ** 63n), 7n]],
    empty: [Float64Array, []],
  };
  for (const [name, [constructor, elements]] of Object.entries(expected)) {
    assert.ok(arrays[name] instanceof constructor, `${name} is a ${constructor.name}`);
    assert.deepEqual([...arrays[name]], elements, name);
  }
  assert.deepEqual(arrays.booleans, [true, false]);
});

test('a Java Set becomes a JS Set; a Java Map stays a plain object; JsMap makes a JS Map', () => {
  const set = values.javaSet();
  assert.ok(set instanceof Set);
  assert.deepEqual([...set], ['a', 1, true]);
  const object = values.javaMap();
  assert.equal(Object.getPrototypeOf(object), Object.prototype);
  assert.deepEqual(object, { k: 1 });
  const map = values.jsMap();
  assert.ok(map instanceof Map);
  assert.deepEqual([...map], [[1, 'one'], ['two', [2]]]);
});

test('a JS Map and Set are read by Java', () => {
  assert.equal(values.readMap(new Map([[1, 'one'], ['k', true]])), '{1.0=one, k=true}');
  assert.equal(values.readSet(new Set(['x', 2])), '2:true:[x, 2.0]');
  assert.throws(() => values.readMap({}), { name: 'TypeError', message: /expected a Map, got object/ });
  assert.throws(() => values.readSet([1]), { name: 'TypeError', message: /'set' \(#1\) must be a Set, got array/ });
});

test('an empty Optional becomes undefined', () => {
  assert.equal(values.optional(true), 'here');
  assert.equal(values.optional(false), undefined);
  assert.equal(values.optionalInt(true), 5);
  assert.equal(values.optionalInt(false), undefined);
});

test('a long outside the safe integers becomes a BigInt, never a rounded number', () => {
  assert.deepEqual(values.longs(), [
    Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 2n ** 53n, -(2n ** 53n),
    2n ** 63n - 1n, -(2n ** 63n), 0,
  ]);
});

test('a Duration becomes milliseconds', () => {
  assert.equal(values.duration(), 1500.25);
});

test('JsValue.toJava copies a Date, TypedArray, ArrayBuffer, Map and Set to Java', () => {
  assert.equal(values.toJava(new Date(0)), 'Instant:1970-01-01T00:00:00Z');
  assert.equal(values.toJava(new Float64Array([1, 2.5])), 'double[]:[1.0, 2.5]');
  assert.equal(values.toJava(Buffer.from([1, 255])), 'byte[]:[1, -1]');
  assert.equal(values.toJava(new Uint16Array([65])), 'char[]:[A]');
  assert.equal(values.toJava(new ArrayBuffer(2)), 'byte[]:[0, 0]');
  assert.equal(values.toJava(new Map([['a', 1]])), 'LinkedHashMap:{a=1.0}');
  assert.equal(values.toJava(new Set([true])), 'LinkedHashSet:[true]');
  assert.match(values.toJava({ when: new Date(0) }), /when=1970-01-01T00:00:00Z/);
  const cyclic = new Map();
  cyclic.set('self', cyclic);
  assert.throws(() => values.toJava(cyclic), { message: /nested more than 64 deep/ });
});

test('an external holds a Java object that comes back to Java type-checked', () => {
  const counter = values.counter();
  assert.equal(typeof counter, 'object');
  assert.deepEqual(Object.keys(counter), []);
  assert.equal(values.increment(counter), 1);
  assert.equal(values.increment(counter), 2);
  assert.equal(values.increment(values.counter()), 1);
  assert.equal(values.externalValue(values.externalOf('kept')), 'kept');
  assert.throws(() => values.increment(values.externalOf('text')), {
    name: 'TypeError',
    message: /increment\(\): argument 'counter' \(#1\): expected an external holding a dev\.napijava\.tests\.Values\$Counter, got one holding a java\.lang\.String/,
  });
  assert.throws(() => values.increment({}), {
    name: 'TypeError', message: /'counter' \(#1\) must be an external holding a dev\.napijava\.tests\.Values\$Counter, got object/,
  });
  assert.throws(() => values.externalValue(1), { name: 'TypeError', message: /'external' \(#1\) must be an external, got number/ });
});

test('the Java object of an external is released when V8 collects the external (--expose-gc)', () => {
  const source = `
    import { createRequire } from 'node:module';
    const require = createRequire(import.meta.url);
    const values = require(${JSON.stringify(LOADER)}).load(${JSON.stringify(JAR)}, { addon: 'dev.napijava.tests.Values' });
    const kept = values.counter();
    (() => { for (let i = 0; i < 10; i++) values.increment(values.counter()); })();
    const created = values.countersAlive();
    let alive = created;
    for (let i = 0; i < 100 && alive > 1; i++) {
      globalThis.gc();
      await new Promise((resolve) => setImmediate(resolve));
      alive = values.countersAlive();
    }
    console.log(JSON.stringify({ created, alive, kept: values.increment(kept) }));`;
  const child = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', source], { encoding: 'utf8', timeout: scaled(120_000) });
  assert.equal(child.status, 0, child.stderr);
  assert.deepEqual(JSON.parse(child.stdout.trim()), { created: 11, alive: 1, kept: 1 });
});
