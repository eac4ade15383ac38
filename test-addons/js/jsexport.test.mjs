// @JsExport: typed static methods exported through generated glue (JsExportTypes.java), their
// conversions, their bad-input errors, and the generated TypeScript declarations checked by tsc.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { LOADER, loadTopic, runChild, tsc } from './support.mjs';

const t = loadTopic('JsExportTypes');
const here = path.dirname(fileURLToPath(import.meta.url));
const typeError = (message) => ({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE', message });
const rangeError = (message) => ({ name: 'RangeError', code: 'ERR_OUT_OF_RANGE', message });

test('JsExport: primitives cross without loss (double, int, float, short, byte, char, long, boolean)', () => {
  assert.equal(t.add(0.1, 0.2), 0.1 + 0.2);
  assert.equal(t.addInts(2147483640, 7), 2147483647);
  assert.equal(t.halfFloat(3), 1.5);
  assert.equal(t.shortEcho(-32768), -32768);
  assert.equal(t.byteEcho(127), 127);
  assert.equal(t.nextChar('a'), 'b');
  assert.equal(t.longEcho(Number.MAX_SAFE_INTEGER), Number.MAX_SAFE_INTEGER);
  assert.equal(t.not(false), true);
});

test('JsExport: a box is nullable: undefined, null and a missing argument are Java null', () => {
  assert.equal(t.twiceOrNull(4), 8);
  assert.equal(t.twiceOrNull(null), null);
  assert.equal(t.twiceOrNull(undefined), null);
  assert.equal(t.twiceOrNull(), null);
});

test('JsExport: a String result is a JS string, and null (a null String) is JS null', () => {
  assert.equal(t.sameOrNull('text'), 'text');
  assert.equal(t.sameOrNull(''), '');
  assert.equal(t.sameOrNull(null), null);
  assert.equal(t.sameOrNull(), null);
});

test('JsExport: String, BigInteger, arrays, Lists and nested arrays', () => {
  assert.equal(t.greet('Ada'), 'Hello, Ada!');
  assert.equal(t.square(2n ** 70n), 2n ** 140n);
  assert.equal(t.sum([1, 2, 3.5]), 6.5);
  assert.equal(t.join(['a', 'b']), 'a,b');
  assert.equal(t.join(['a', 'b'], '-'), 'a-b');
  assert.deepEqual(t.transpose([[1, 2, 3], [4, 5, 6]]), [[1, 4], [2, 5], [3, 6]]);
});

test('JsExport: records are plain objects both ways, a @Nullable component may be missing', () => {
  assert.equal(t.describe({ name: 'Ada', age: 36 }), 'Ada (36)');
  assert.equal(t.describe({ name: 'Ada', age: 36, email: 'ada@example.org' }), 'Ada (36) <ada@example.org>');
  assert.deepEqual(t.makePerson('Bob', 7), { name: 'Bob', age: 7, email: null });
  assert.deepEqual(t.birthday([{ name: 'A', age: 1 }, { name: 'B', age: 2, email: 'b@x' }]),
    [{ name: 'A', age: 2, email: null }, { name: 'B', age: 3, email: 'b@x' }]);
});

test('JsExport: enums are their constant names', () => {
  assert.equal(t.nextColor('RED'), 'GREEN');
  assert.equal(t.nextColor('BLUE'), 'RED');
});

test('JsExport: Optional parameters may be missing, an empty Optional result is undefined', () => {
  assert.equal(t.orDefault('given'), 'given');
  assert.equal(t.orDefault(), 'default');
  assert.equal(t.orDefault(null), 'default');
  assert.equal(t.find('known'), 'found');
  assert.equal(t.find('other'), undefined);
});

test('JsExport: JsValue parameters take any value, JsValue subtypes check the JS type', () => {
  assert.equal(t.typeOf([1]), 'array');
  assert.equal(t.typeOf(undefined), 'undefined');
  assert.equal(t.stringLength('héllo'), 5);
  assert.throws(() => t.stringLength(5), typeError("stringLength(): argument 'text' (#1) must be a string, got number"));
});

test('JsExport: JS callbacks as Java functional interfaces, results converted back', () => {
  assert.equal(t.callTwice('a', (s) => s + '!'), 'a!!');
  assert.deepEqual(t.mapEach([1, 2, 3], (x) => x * 10), [10, 20, 30]);
});

test('JsExport: a callback called after its call returned is refused with a clear error, not a crash', () => {
  t.keepCallback(() => {});
  assert.throws(() => t.callKept(), { message: /the callback 'fn' was called after its call returned/ });
});

test('JsExport: a callback that returns the wrong type is a TypeError naming the callback', () => {
  assert.throws(() => t.callTwice('a', () => 5), typeError("the result of callTwice(): the callback 'fn' must be a string, got number"));
});

test('JsExport: CompletableFuture results are Promises; Void resolves to undefined; failures reject', async () => {
  assert.equal(await t.later(21), 42);
  assert.equal(await t.nothingLater(), undefined);
  assert.equal(await t.colorLater('BLUE'), 'BLUE');
  await assert.rejects(t.failLater('it failed'), /it failed/);
});

test('JsExport: a ThreadsafeFunction parameter is called error-first from a Java thread', async () => {
  const args = await new Promise((resolve) => t.fromThread('java', (...a) => resolve(a)));
  assert.deepEqual(args, [null, 'from java']);
});

test('JsExport: Channel, Env and CallInfo parameters are injected, not read from JS', async () => {
  assert.equal(await t.viaChannel(41), 42);
  assert.equal(t.onJsThread(), true);
  assert.equal(t.argumentCount(1, 2, 3), 3);
});

test('JsExport: varargs take the remaining arguments', () => {
  assert.equal(t.sumAll(), 0);
  assert.equal(t.sumAll(1, 2, 3), 6);
  assert.equal(t.joinAll('+', 'a', 'b', 'c'), 'a+b+c');
  assert.throws(() => t.sumAll(1, 'x'), typeError("sumAll(): argument 'xs' (#2) must be a number, got string"));
});

test('JsExport: @JsExport("name") renames; void returns undefined; a Java exception reaches JS', () => {
  assert.equal(t.renamed(), 'originalName');
  assert.equal(t.originalName, undefined);
  assert.equal(t.nothing(), undefined);
  assert.throws(() => t.fail('bad'), { message: /bad/ });
});

test('JsExport bad input: wrong types are TypeErrors naming the function, parameter and expected type', () => {
  assert.throws(() => t.add('1', 2), typeError("add(): argument 'a' (#1) must be a number, got string"));
  assert.throws(() => t.not(1), typeError("not(): argument 'b' (#1) must be a boolean, got number"));
  assert.throws(() => t.greet(), typeError("greet(): argument 'name' (#1) is missing: expected a string"));
  assert.throws(() => t.square(2), typeError("square(): argument 'n' (#1) must be a bigint, got number"));
  assert.throws(() => t.sum({}), typeError("sum(): argument 'xs' (#1) must be an array, got object"));
  assert.throws(() => t.sum([1, 'a']), typeError("sum(): argument 'xs' (#1) element 1 must be a number, got string"));
  assert.throws(() => t.join(['a'], 5), typeError("join(): argument 'separator' (#2) must be a string, got number"));
  assert.throws(() => t.callTwice('a', 'f'), typeError("callTwice(): argument 'fn' (#2) must be a function, got string"));
});

test('JsExport bad input: records are checked field by field', () => {
  assert.throws(() => t.describe('Ada'), typeError("describe(): argument 'person' (#1) must be an object, got string"));
  assert.throws(() => t.describe({ age: 3 }), typeError("describe(): argument 'person' (#1) property 'name' must be a string, got undefined"));
  assert.throws(() => t.describe({ name: 'A', age: '3' }), typeError("describe(): argument 'person' (#1) property 'age' must be a number, got string"));
  assert.throws(() => t.birthday([{ name: 'A', age: 1 }, { name: 'B' }]),
    typeError("birthday(): argument 'people' (#1) element 1 property 'age' must be a number, got undefined"));
});

test('JsExport bad input: an unknown enum name is a TypeError listing the names', () => {
  assert.throws(() => t.nextColor('PURPLE'), typeError("nextColor(): argument 'color' (#1) must be one of 'RED', 'GREEN', 'BLUE', got 'PURPLE'"));
  assert.throws(() => t.nextColor(1), typeError("nextColor(): argument 'color' (#1) must be one of 'RED', 'GREEN', 'BLUE', got number"));
});

test('JsExport bad input: numbers out of the Java type\'s range are RangeErrors', () => {
  assert.throws(() => t.addInts(1.5, 1), rangeError("addInts(): argument 'a' (#1) must be an integer from -2147483648 to 2147483647, got 1.5"));
  assert.throws(() => t.shortEcho(40000), rangeError("shortEcho(): argument 'x' (#1) must be an integer from -32768 to 32767, got 40000"));
  assert.throws(() => t.byteEcho(-129), rangeError("byteEcho(): argument 'x' (#1) must be an integer from -128 to 127, got -129"));
  assert.throws(() => t.longEcho(2 ** 60), rangeError(/longEcho\(\): argument 'n' \(#1\) must be a safe integer/));
  assert.throws(() => t.unsafeLong(), rangeError(/unsafeLong\(\): the result must be a safe integer \(\|n\| <= 2\^53-1\), got 1152921504606846976/));
  assert.throws(() => t.nextChar('ab'), rangeError("nextChar(): argument 'c' (#1) must be a string of one character, got 2"));
});

test('JsExport bad input: a bad argument after a ThreadsafeFunction parameter, or a method that throws, leaks no function (the script exits)', () => {
  const child = runChild(`
    import { createRequire } from 'node:module';
    const { load } = createRequire(import.meta.url)(${JSON.stringify(LOADER)});
    const seeds = load(process.env.NAPI_JAVA_TEST_JAR, { addon: 'dev.napijava.tests.Seeds' });
    try { seeds.processEvents(() => {}, 'not a function'); } catch (e) { console.log(e.name, e.message); }
    try { seeds.fetchUserProfile(-1, () => {}); } catch (e) { console.log(e.name, e.message); }`, { timeout: 30_000 });
  assert.equal(child.signal, null, 'the script did not exit by itself');
  assert.equal(child.status, 0, child.stderr);
  assert.match(child.stdout, /TypeError processEvents\(\): argument 'lowPriority' \(#2\) must be a function, got string/);
  assert.match(child.stdout, /RangeError fetchUserProfile\(\): argument 'userId' \(#1\) must be an integer from 0 to 4294967295, got -1/);
});

// The TypeScript checks: the declarations generated next to the classes, used with tsc --strict.
const DTS = path.resolve(here, '../target/classes/JsExportTypes.d.ts');

test('JsExport declarations: the generated .d.ts is next to the classes and declares records and enums', () => {
  assert.ok(existsSync(DTS), DTS);
});

test('JsExport declarations: a correct use of the addon compiles with tsc --strict', () => {
  const { status, output } = tsc('jsexport-use.ts');
  assert.equal(status, 0, output);
});

test('JsExport declarations: a wrong call fails to compile with tsc --strict', () => {
  const { status, output } = tsc('jsexport-wrong.ts');
  assert.notEqual(status, 0, output);
  assert.match(output, /jsexport-wrong\.ts\(\d+,\d+\): error TS2345: Argument of type 'string' is not assignable to parameter of type 'number'/);
  assert.match(output, /error TS2322: Type '"PURPLE"' is not assignable to type 'Color'|error TS2345: Argument of type '"PURPLE"' is not assignable to parameter of type 'Color'/);
});
