// The dynamic bridge (napi-java/java): real libraries from Maven Central, used from JS with no
// addon code. The first run downloads commonmark-java (two versions) and Apache Commons Lang into
// the local Maven repository; later runs read them from there.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { tsc } from './support.mjs';

const require = createRequire(import.meta.url);
const { classpath, classpathSync, isJavaObject, javaClassOf } = require('../../loader/java.js');

const COMMONMARK = 'org.commonmark:commonmark:0.24.0';
const LANG = 'org.apache.commons:commons-lang3:3.17.0';
const cp = await classpath([COMMONMARK, LANG], { name: 'main' });
const jdk = classpathSync([], { name: 'jdk' });
const Parser = cp.importClass('org.commonmark.parser.Parser');
const HtmlRenderer = cp.importClass('org.commonmark.renderer.html.HtmlRenderer');
const StringUtils = cp.importClass('org.apache.commons.lang3.StringUtils');
const { ArrayList, HashMap, List, Collections } = jdk.importPackage('java.util');

test('dynamic: Maven coordinates resolve to jars in the local repository', () => {
  assert.equal(cp.files.length, 2);
  assert.match(cp.files[0], /commonmark-0\.24\.0\.jar$/);
  assert.match(cp.files[1], /commons-lang3-3\.17\.0\.jar$/);
});

test('dynamic: commonmark from JS: static builders, instance methods, nested classes, identity, instanceof', () => {
  const parser = Parser.builder().build();
  const document = parser.parse('# Hello *world*\n\n- one\n- two\n');
  assert.equal(HtmlRenderer.builder().build().render(document),
    '<h1>Hello <em>world</em></h1>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n');
  const heading = document.getFirstChild();
  assert.equal(heading, document.getFirstChild()); // the same JS object for the same Java object
  assert.ok(heading instanceof cp.importClass('org.commonmark.node.Heading'));
  assert.ok(heading instanceof cp.importClass('org.commonmark.node.Node')); // superclass, by the prototype chain
  assert.ok(!(heading instanceof cp.importClass('org.commonmark.node.Paragraph')));
  assert.equal(heading.getLevel(), 1);
  assert.equal(Parser.Builder, cp.importClass('org.commonmark.parser.Parser$Builder'));
  assert.equal(Parser.Builder, cp.importClass('org.commonmark.parser.Parser.Builder'));
  assert.ok(isJavaObject(parser));
  assert.equal(javaClassOf(parser), 'org.commonmark.parser.Parser');
  assert.equal(javaClassOf({}), undefined);
});

test('dynamic: constructors and overloads are chosen by the JS arguments', () => {
  const text = new (jdk.importClass('java.lang.StringBuilder'))('x');
  text.append(1).append(2.5).append('s').append(true).append(9007199254740993n);
  assert.equal(text.toString(), 'x12.5strue9007199254740993');
  const Math = jdk.importClass('java.lang.Math');
  assert.equal(Math.max(2, 3), 3);
  assert.equal(Math.max(2, 3.5), 3.5); // max(double, double), not max(int, int)
  assert.equal(Math.abs(-7), 7);
  assert.equal(StringUtils.repeat('ab', 3), 'ababab');
  assert.equal(StringUtils.repeat('ab', ',', 2), 'ab,ab');
  assert.equal(StringUtils.capitalize('hello'), 'Hello');
  const list = new ArrayList(16); // ArrayList(int)
  assert.equal(list.size(), 0);
  const copy = new ArrayList(['a', 'b']); // ArrayList(Collection)
  assert.equal(copy.size(), 2);
  // varargs, with Java's own boxing of JS integers to Integer
  assert.equal(jdk.importClass('java.lang.String').format('%s-%d-%.1f', 'a', 5, 2.5), 'a-5-2.5');
  assert.equal(String(List.of(1, 2, 3)), '[1, 2, 3]');
  assert.equal(String(List.of()), '[]');
  for (let round = 0; round < 3; round++) { // the choice remembered per kind of arguments gives the same answers
    assert.equal(Math.max(2, 3), 3);
    assert.equal(Math.max(2, 3.5), 3.5);
    assert.equal(Math.max(2, 2 ** 40), 2 ** 40); // max(long, long)
    assert.equal(String(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)), '[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]'); // of(E...)
    assert.throws(() => Math.max(null, 1), { name: 'TypeError' });
  }
});

test('dynamic: a wrong or ambiguous call is a TypeError that names the method and lists the candidates', () => {
  const parser = Parser.builder().build();
  assert.throws(() => parser.parse(42), {
    name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE',
    message: 'Parser.parse(): argument #1 must be a string, got number',
  });
  assert.throws(() => StringUtils.repeat('a'), {
    name: 'TypeError',
    message: /^StringUtils\.repeat\(\): has no overload for the arguments \(string\); candidates: .*repeat\(String, int\)/,
  });
  const builder = new (jdk.importClass('java.lang.StringBuilder'))();
  assert.throws(() => builder.append(null), {
    name: 'TypeError', code: 'ERR_NAPI_JAVA_AMBIGUOUS',
    message: /StringBuilder\.append\(\): the call \(null\) is ambiguous: .*append\(String\).*append\(char\[\]\)|append\(char\[\]\).*append\(String\)/,
  });
  assert.throws(() => jdk.importClass('java.lang.Math').max(1), { name: 'TypeError', message: /candidates: max\(/ });
  assert.throws(() => Parser.prototype.parse.call({}, 'x'), { name: 'TypeError', code: 'ERR_INVALID_THIS' });
  assert.throws(() => new (jdk.importClass('java.lang.Integer'))(1.5), { name: 'TypeError', message: /Integer/ });
  assert.throws(() => new List(), { name: 'TypeError', message: /java\.util\.List is an interface/ });
  assert.throws(() => cp.importClass('org.example.Missing'), { code: 'ERR_NAPI_JAVA_NO_CLASS' });
});

test('dynamic: statics, static fields, enums by constant and by name, long as BigInt', () => {
  const Long = jdk.importClass('java.lang.Long');
  assert.equal(Long.MAX_VALUE, 9223372036854775807n);
  assert.equal(Long.parseLong('42'), 42);
  assert.equal(jdk.importClass('java.lang.Integer').MAX_VALUE, 2147483647);
  const Spans = cp.importClass('org.commonmark.parser.IncludeSourceSpans');
  assert.equal(String(Spans.BLOCKS), 'BLOCKS');
  assert.equal(Spans.BLOCKS, Spans.valueOf('BLOCKS'));
  assert.deepEqual(Spans.values().map(String), ['NONE', 'BLOCKS', 'BLOCKS_AND_INLINES']);
  assert.equal(Spans.BLOCKS.ordinal(), 1);
  const byName = Parser.builder().includeSourceSpans('BLOCKS_AND_INLINES').build().parse('x');
  const byConstant = Parser.builder().includeSourceSpans(Spans.BLOCKS_AND_INLINES).build().parse('x');
  assert.equal(String(byName.getFirstChild().getSourceSpans()), String(byConstant.getFirstChild().getSourceSpans()));
  assert.throws(() => Parser.builder().includeSourceSpans('ALL'), {
    name: 'TypeError', message: /must be one of 'NONE', 'BLOCKS', 'BLOCKS_AND_INLINES'/,
  });
  const TimeUnit = jdk.importClass('java.util.concurrent.TimeUnit');
  assert.equal(TimeUnit.SECONDS.toMillis(3), 3000);
  const point = new (jdk.importClass('java.awt.Point'))(1, 2); // public instance fields
  point.x = 5;
  assert.equal(point.x + point.y, 7);
  assert.equal(String(point), 'java.awt.Point[x=5,y=2]');
  assert.throws(() => { point.x = 'a'; }, { name: 'TypeError', message: /^Point\.x = value: the value must be an integer/ });
});

test('dynamic: collections both ways: JS arrays and objects to Java, Java collections by reference and iterable', () => {
  assert.equal(StringUtils.join(['a', 'b', 'c'], '-'), 'a-b-c');
  assert.equal(Collections.max([3, 9, 2]), 9);
  const list = new ArrayList();
  list.add('x');
  list.add(2);
  assert.equal(list.length, 2);
  assert.deepEqual([...list], ['x', 2]);
  assert.equal(list.at(0), 'x'); // index access as JS arrays have it
  assert.equal(list.at(-1), 2);
  assert.equal(list.at(2), undefined);
  assert.equal(list[0], 'x'); // list[i] as well, by reference: each read asks Java
  assert.equal(list[1], 2);
  assert.equal(list[2], undefined);
  list[1] = 'y'; // set(1, 'y')
  list[2] = 'z'; // add('z') at the end
  assert.deepEqual([...list], ['x', 'y', 'z']);
  assert.throws(() => { list[5] = 'hole'; }, { name: 'RangeError', message: /no index 5/ });
  assert.equal(list.length, 3);
  assert.equal(list.foo, undefined); // other missing names are still missing
  assert.equal(list['01'], undefined); // not an index
  assert.equal(new (jdk.importClass('java.util.LinkedList'))(['a', 'b'])[1], 'b');
  assert.equal(List.of(7, 8, 9)[2], 9); // a private JDK List class
  assert.equal(ArrayList.prototype[0], undefined); // a prototype is no list
  list.remove(2);
  list[1] = 2;
  const fromJava = Collections.unmodifiableList(list); // a private JDK class, reached through List
  assert.deepEqual(Array.from(fromJava), ['x', 2]);
  list.add('seen through the view');
  assert.equal(fromJava.size(), 3); // by reference, not a copy
  assert.equal(fromJava[2], 'seen through the view');
  assert.throws(() => { fromJava[0] = 'no'; }, { javaClass: 'java.lang.UnsupportedOperationException' });
  const map = new HashMap({ a: 1, b: 'two' });
  assert.equal(map.get('a'), 1);
  map.put('c', [1, 2]);
  assert.deepEqual(Object.fromEntries([...map].map(([k, v]) => [k, isJavaObject(v) ? [...v] : v])), { a: 1, b: 'two', c: [1, 2] });
  assert.deepEqual(map.keySet().toArray(), ['a', 'b', 'c']); // an Object[] is copied into a JS array
  const spans = Parser.builder().includeSourceSpans('BLOCKS').build().parse('a\n\nb').getLastChild().getSourceSpans();
  assert.equal(spans.length, 1);
  for (const span of spans) assert.equal(span.getLineIndex(), 2);
  const bytes = StringUtils.getBytes('hé', 'UTF-8');
  assert.ok(bytes instanceof Uint8Array); // primitive arrays are copied into typed arrays
  assert.deepEqual([...bytes], [104, 195, 169]);
  const made = new (jdk.importClass('java.lang.String'))(new Uint8Array([104, 105]), 'UTF-8');
  assert.ok(isJavaObject(made)); // `new` gives the Java object; a String that a method returns is a JS string
  assert.equal(String(made), 'hi');
  assert.equal(StringUtils.reverse(made), 'ih');
});

test('dynamic: a JS function and a JS object implement Java interfaces, called from Java threads', async () => {
  const CompletableFuture = jdk.importClass('java.util.concurrent.CompletableFuture');
  const Thread = jdk.importClass('java.lang.Thread');
  const jsThread = Thread.currentThread().getName();
  let calledOn;
  // supplyAsync runs the Supplier on a pool thread; the JS function runs on this JS thread
  const answer = await CompletableFuture.supplyAsync(() => { calledOn = 'js'; return 42; });
  assert.equal(answer, 42);
  assert.equal(calledOn, 'js');
  // a JS object for an interface of many methods: commonmark's Visitor (one visit() per node type)
  const Text = cp.importClass('org.commonmark.node.Text');
  const seen = [];
  const visitor = {
    visit(node) {
      if (node instanceof Text) seen.push(node.getLiteral());
      for (let child = node.getFirstChild(); child !== null; child = child.getNext()) child.accept(visitor);
    },
  };
  Parser.builder().build().parse('# One\n\n*two* three').accept(visitor);
  assert.deepEqual(seen, ['One', 'two', ' three']);
  const executor = jdk.importClass('java.util.concurrent.Executors').newSingleThreadExecutor();
  try {
    const callable = jdk.newProxy('java.util.concurrent.Callable', { call: () => `called by ${Thread.currentThread().getName()}` });
    const future = executor.submit(callable);
    assert.equal(await future.getAsync(), `called by ${jsThread}`);
    const sorted = new ArrayList([3, 1, 2]);
    sorted.sort((a, b) => b - a); // a Comparator, called on this thread inside the Java call
    assert.deepEqual([...sorted], [3, 2, 1]);
    const failing = jdk.newProxy('java.util.concurrent.Callable', { call() { throw new RangeError('from JS'); } });
    await assert.rejects(executor.submit(failing).getAsync(), (error) => {
      assert.equal(error.javaClass, 'java.util.concurrent.ExecutionException');
      assert.equal(error.cause.name, 'RangeError'); // the JS error itself, through Java and back
      assert.equal(error.cause.message, 'from JS');
      return true;
    });
  } finally {
    executor.shutdown();
  }
});

test('dynamic: a Java thread that needs the JS thread while it is blocked in a sync call fails instead of hanging', () => {
  const executor = jdk.importClass('java.util.concurrent.Executors').newSingleThreadExecutor();
  try {
    const callable = jdk.newProxy('java.util.concurrent.Callable', { call: () => 'never' });
    // get() blocks the JS thread, and the pool thread waits for the JS thread to run call()
    assert.throws(() => executor.submit(callable).get(), (error) => {
      assert.equal(error.javaClass, 'java.util.concurrent.ExecutionException');
      assert.equal(error.cause.javaClass, 'java.lang.IllegalStateException');
      assert.match(error.cause.message, /while the JS thread is blocked in a synchronous Java call.*Async form/);
      return true;
    });
  } finally {
    executor.shutdown();
  }
});

test('dynamic: nameAsync runs on a virtual thread and does not block the event loop', async () => {
  const latch = new (jdk.importClass('java.util.concurrent.CountDownLatch'))(1);
  const waited = latch.awaitAsync(); // would hang this test if it held the JS thread
  assert.ok(waited instanceof Promise);
  setImmediate(() => latch.countDown());
  assert.equal(await waited, undefined);
  assert.equal(await StringUtils.capitalizeAsync('async'), 'Async');
  await assert.rejects(jdk.importClass('java.lang.Integer').parseIntAsync('zz'), {
    javaClass: 'java.lang.NumberFormatException',
  });
});

test('dynamic: Java exceptions are JS errors with javaClass, the Java stack, the cause chain and instanceof', () => {
  const Integer = jdk.importClass('java.lang.Integer');
  const NumberFormatException = jdk.importClass('java.lang.NumberFormatException');
  const IllegalArgumentException = jdk.importClass('java.lang.IllegalArgumentException');
  try {
    Integer.parseInt('zz');
    assert.fail('no exception');
  } catch (error) {
    assert.ok(error instanceof Error);
    assert.ok(error instanceof NumberFormatException);
    assert.ok(error instanceof IllegalArgumentException); // its superclass
    assert.ok(!(error instanceof jdk.importClass('java.lang.IllegalStateException')));
    assert.equal(error.javaClass, 'java.lang.NumberFormatException');
    assert.equal(error.message, 'For input string: "zz"');
    assert.match(error.javaStackTrace, /at java\.base\/java\.lang\.Integer\.parseInt/);
    assert.equal(error.javaException.getMessage(), 'For input string: "zz"');
  }
  const inner = new (jdk.importClass('java.lang.IllegalStateException'))('inner');
  const outer = new (jdk.importClass('java.lang.RuntimeException'))('outer', inner);
  assert.throws(() => cp.importClass('org.apache.commons.lang3.exception.ExceptionUtils').rethrow(outer), (error) => {
    assert.equal(error.javaClass, 'java.lang.RuntimeException');
    assert.equal(error.message, 'outer');
    assert.equal(error.cause.javaClass, 'java.lang.IllegalStateException');
    assert.equal(error.cause.message, 'inner');
    assert.equal(error.javaException, outer); // the very Java object that was thrown
    return true;
  });
});

test('dynamic: a CompletableFuture is a Promise', async () => {
  const CompletableFuture = jdk.importClass('java.util.concurrent.CompletableFuture');
  assert.equal(await CompletableFuture.completedFuture('done'), 'done');
  const inner = new (jdk.importClass('java.lang.IllegalStateException'))('inner');
  await assert.rejects(CompletableFuture.failedFuture(inner), { javaClass: 'java.lang.IllegalStateException', message: 'inner' });
});

test('dynamic: two classpaths in one process are kept apart', async () => {
  const other = await classpath(['org.commonmark:commonmark:0.32.0'], { name: 'other' });
  const OtherParser = other.importClass('org.commonmark.parser.Parser');
  assert.notEqual(OtherParser, Parser);
  assert.equal(Parser.class.getClassLoader().getName(), 'classpath:main');
  assert.equal(OtherParser.class.getClassLoader().getName(), 'classpath:other');
  const node = OtherParser.builder().build().parse('*x*');
  assert.ok(node instanceof other.importClass('org.commonmark.node.Document'));
  assert.ok(!(node instanceof cp.importClass('org.commonmark.node.Document')));
  // an object of one classpath is not an instance of the other's class of the same name
  assert.throws(() => HtmlRenderer.builder().build().render(node), { name: 'TypeError', message: /render\(\)/ });
  assert.equal(other.importClass('org.commonmark.renderer.html.HtmlRenderer').builder().build().render(node), '<p><em>x</em></p>\n');
  assert.throws(() => other.importClass('org.apache.commons.lang3.StringUtils'), { code: 'ERR_NAPI_JAVA_NO_CLASS' });
  assert.throws(() => jdk.importClass('org.commonmark.parser.Parser'), { code: 'ERR_NAPI_JAVA_NO_CLASS' });
  assert.throws(() => jdk.importClass('dev.napijava.Env'), { code: 'ERR_NAPI_JAVA_NO_CLASS' }); // nor napi-java itself
});

test('dynamic: AutoCloseable objects have close() and Symbol.dispose', () => {
  const StringReader = jdk.importClass('java.io.StringReader');
  const reader = new StringReader('abc');
  assert.equal(reader.read(), 'a'.charCodeAt(0));
  assert.equal(typeof reader[Symbol.dispose], 'function');
  reader[Symbol.dispose]();
  assert.throws(() => reader.read(), { javaClass: 'java.io.IOException', message: 'Stream closed' });
  const second = new StringReader('x');
  second.close();
  assert.throws(() => second.read(), { javaClass: 'java.io.IOException' });
  assert.equal(typeof new ArrayList()[Symbol.dispose], 'undefined');
});

test('dynamic: bad arguments to the bridge itself are TypeErrors', async () => {
  await assert.rejects(classpath('x'), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => classpathSync([COMMONMARK]), { name: 'TypeError', message: /use await classpath/ });
  assert.throws(() => classpathSync(['/no/such.jar']), { code: 'ERR_NAPI_JAVA_CLASSPATH' });
  assert.throws(() => cp.importClass(42), { name: 'TypeError' });
  assert.throws(() => jdk.newProxy('java.util.ArrayList', {}), { name: 'TypeError', message: /not an interface/ });
  await assert.rejects(classpath(['org.example.nothing:none:0.0.1']), { javaClass: 'java.lang.IllegalArgumentException' });
});

test('dynamic: napi-java types writes declarations that tsc --strict accepts for a right use and rejects for wrong calls', () => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const cli = path.resolve(here, '../../loader/bin/napi-java.js');
  const out = path.resolve(here, '../target/dynamic/commonmark.d.ts');
  const made = spawnSync(process.execPath, [cli, 'types', COMMONMARK, '-o', out], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  assert.match(made.stderr, /1 with javadoc/);
  // JSDoc from commonmark's javadoc jar: the class description, a static method, an overload by its parameter types
  const declarations = readFileSync(out, 'utf8');
  assert.match(declarations, /\/\*\*\n\s+\* Parses input text to a tree of nodes\.\n[^]*?\*\/\n\s+class Parser \{/);
  assert.match(declarations, /\/\*\* Create a new builder for configuring a `Parser`\. \*\/\n\s+static builder\(\): org\.commonmark\.parser\.Parser\.Builder;/);
  assert.match(declarations, /\* Parse the specified input text into a tree of nodes\.\n[^]*?\*\/\n\s+parse\(p0: string\): org\.commonmark\.node\.Node;/);
  assert.match(declarations, /\/\*\* Render the tree of nodes to string\. \*\/\n\s+render\(p0: org\.commonmark\.node\.Node \| null\): string;/);
  const right = tsc('dynamic-use.ts');
  assert.equal(right.status, 0, right.output);
  const wrong = tsc('dynamic-wrong.ts');
  assert.notEqual(wrong.status, 0);
  const lines = [...wrong.output.matchAll(/dynamic-wrong\.ts\((\d+),/g)].map((m) => Number(m[1]));
  assert.deepEqual(lines, [9, 10, 11, 12, 13], wrong.output); // each wrong line, and only those
  assert.match(wrong.output, /'number' is not assignable to parameter of type 'string'/);
  assert.match(wrong.output, /"EVERYTHING"/);
});

test('dynamic: hostile inputs are errors, never a crash', () => {
  const Objects = jdk.importClass('java.util.Objects');
  const cyclic = [];
  cyclic.push(cyclic);
  assert.throws(() => List.of(cyclic), { name: 'RangeError', message: /nested more than 512 deep/ });
  const cyclicObject = {};
  cyclicObject.self = cyclicObject;
  assert.throws(() => Objects.toString(cyclicObject), { name: 'RangeError' });
  assert.throws(() => Objects.toString(Symbol('s')), { name: 'TypeError' });
  assert.throws(() => Objects.toString(() => 1), { name: 'TypeError' });
  assert.throws(() => new ArrayList(-1), { javaClass: 'java.lang.IllegalArgumentException' });
  assert.throws(() => new ArrayList(2 ** 40), { name: 'TypeError' });
  assert.throws(() => new ArrayList(1.5), { name: 'TypeError' });
  assert.throws(() => jdk.importClass('java.lang.Math').abs(10n ** 30n), { name: 'TypeError' });
  assert.throws(() => List.prototype.size.call(new HashMap()), { code: 'ERR_INVALID_THIS' });
  assert.throws(() => ArrayList.prototype.size.call(undefined), { code: 'ERR_INVALID_THIS' });
  const weird = new Proxy({}, { get() { throw new Error('trap'); }, ownKeys() { throw new Error('keys trap'); } });
  assert.throws(() => Objects.toString(weird), /trap/);
  assert.throws(() => jdk.newProxy('java.lang.Runnable', null), { name: 'TypeError' });
  const runnable = jdk.newProxy('java.lang.Runnable', {}); // no run(): calling it is a Java error
  assert.throws(() => new (jdk.importClass('java.lang.Thread'))(runnable).run(), { javaClass: 'java.lang.UnsupportedOperationException' });
  assert.throws(() => jdk.importClass(''), { code: 'ERR_NAPI_JAVA_NO_CLASS' });
  assert.throws(() => jdk.importClass('java.lang.String[]'), { code: 'ERR_NAPI_JAVA_NO_CLASS' });
});

test('dynamic: a worker thread has a bridge of its own', async () => {
  const loader = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../loader/java.js');
  const worker = new Worker(`
    const { parentPort } = require('node:worker_threads');
    const { classpathSync } = require(${JSON.stringify(loader)});
    const ArrayList = classpathSync([]).importClass('java.util.ArrayList');
    const list = new ArrayList();
    list.add('from a worker');
    parentPort.postMessage([...list]);`, { eval: true });
  const [message] = await Promise.all([new Promise((resolve) => worker.once('message', resolve)),
    new Promise((resolve) => worker.once('exit', resolve))]);
  assert.deepEqual(message, ['from a worker']);
});
