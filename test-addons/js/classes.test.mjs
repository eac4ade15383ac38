import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { JAR, LOADER, RSS_READABLE, loadTopic, runChild } from './support.mjs';

const classes = loadTopic('Classes');
const other = loadTopic('Classes$Other');
const { Counter, Point } = classes;
const INVALID_THIS = { name: 'TypeError', code: 'ERR_INVALID_THIS', message: /'this' must be a Counter instance/ };

/** Source of a child process (node --expose-gc) that loads the Classes addon as `classes`. */
function gcChild(body) {
  return runChild(`
    import { createRequire } from 'node:module';
    const { load } = createRequire(import.meta.url)(${JSON.stringify(LOADER)});
    const classes = load(process.env.NAPI_JAVA_TEST_JAR, { addon: 'dev.napijava.tests.Classes' });
    const { Counter } = classes;
    const tick = () => new Promise((resolve) => setImmediate(resolve));
    async function collectUntil(done) {
      for (let i = 0; i < 200 && !done(); i++) { gc(); await tick(); }
      return done();
    }
    ${body}`, { nodeFlags: ['--expose-gc'], timeout: 120_000 });
}

test('a Java class is a JS class: new, methods, getters and setters, statics, instanceof, name and toString tag', () => {
  const counter = new Counter(5, 'basic');
  assert.equal(counter.increment(), 6);
  assert.equal(counter.add(4), 10);
  assert.equal(counter.value, 10);
  counter.value = 42;
  assert.equal(counter.value, 42);
  assert.equal(counter.label, 'basic');
  assert.throws(() => { 'use strict'; counter.label = 'x'; }, TypeError); // getter only
  assert.ok(counter instanceof Counter);
  assert.equal(Counter.name, 'Counter');
  assert.equal(Object.prototype.toString.call(counter), '[object Counter]');
  assert.equal(String(counter), '[object Counter]');
  assert.equal(Counter.MAX, 1000);
  const zero = Counter.zero('static');
  assert.ok(zero instanceof Counter);
  assert.equal(zero.value, 0);
  assert.equal(typeof Counter.prototype.increment, 'function');
  assert.deepEqual(Object.keys(counter), []);
  assert.equal(classes.unwrapCounter(counter), 42);
  assert.equal(classes.isCounter(counter), true);
  assert.equal(classes.isCounter({}), false);
  assert.equal(classes.isCounter(7), false);
});

test('calling a class constructor without new is a TypeError with its own code, and wraps nothing', () => {
  const withoutNew = { name: 'TypeError', code: 'ERR_CONSTRUCT_CALL_REQUIRED', message: "Class constructor Counter cannot be invoked without 'new'" };
  assert.throws(() => Counter(1), withoutNew);
  assert.throws(() => Counter.call({}, 1), withoutNew);
  assert.throws(() => Counter.call(globalThis, 1), withoutNew);
  assert.throws(() => Reflect.apply(Counter, undefined, [1]), withoutNew);
  // Some hosts (Deno) pass the global object as this to a call without new: it must stay unwrapped.
  assert.equal(classes.isCounter(globalThis), false);
  assert.throws(() => Counter.prototype.increment.call(globalThis), INVALID_THIS);
  assert.throws(() => classes.Bag(), { name: 'TypeError', code: 'ERR_CONSTRUCT_CALL_REQUIRED', message: "Class constructor Bag cannot be invoked without 'new'" });
});

test('a Java class that extends a JS class (Map): instances are real Maps made by the superclass, with Java behind them', () => {
  const { Bag } = classes;
  const bag = new Bag([['a', 1], ['b', 2]]);
  assert.ok(bag instanceof Bag);
  assert.ok(bag instanceof Map);
  assert.equal(bag.size, 2); // the Map constructor got the arguments
  assert.equal(bag.get('b'), 2);
  bag.set('c', 3); // Map's methods need a real Map (its internal slots), not an object that only inherits from Map.prototype
  assert.equal(bag.javaSize(), 3);
  assert.equal(bag.label, 'from JS');
  assert.equal(new Bag().label, 'empty');
  assert.equal(Bag.name, 'Bag');
  assert.equal(Bag.KIND, 'bag');
  assert.equal(Object.getPrototypeOf(Bag), Map);
  assert.equal(Object.getPrototypeOf(Bag.prototype), Map.prototype);
  assert.equal(Object.prototype.toString.call(bag), '[object Bag]');
  assert.equal(Object.getOwnPropertyDescriptor(Bag, 'prototype').writable, false);
  const made = Bag.fromJava('x'); // a Java object returned to JS: the superclass is constructed without arguments
  assert.ok(made instanceof Bag && made instanceof Map);
  assert.equal(made.size, 0);
  assert.equal(made.label, 'from Java x');
  class Sub extends Bag {
    constructor() {
      super([['s', 1]]);
      this.own = true;
    }
  }
  const sub = new Sub();
  assert.ok(sub instanceof Sub && sub instanceof Map);
  assert.equal(sub.javaSize(), 1);
  assert.equal(sub.own, true);
  assert.throws(() => Bag.prototype.javaSize.call(new Map()), { name: 'TypeError', code: 'ERR_INVALID_THIS', message: /must be a Bag instance/ });
  assert.throws(() => new Bag(5), TypeError); // Map's own check: 5 is not iterable
});

test('a class constructor checks its arguments like a function', () => {
  assert.throws(() => new Counter('five'), { name: 'TypeError', message: /Counter\(\): argument 'start' \(#1\) must be a number, got string/ });
  assert.throws(() => new Counter(), { name: 'TypeError', message: /argument 'start' \(#1\) is missing/ });
  assert.throws(() => new Counter(1).add('x'), { name: 'TypeError', message: /Counter\.add\(\): argument 'n' \(#1\) must be a number/ });
});

test('a JS subclass of a Java class works and Java methods see the subclass instance', () => {
  class Sub extends Counter {
    constructor(start) {
      super(start, 'sub');
      this.extra = 'js';
    }
    double() {
      return this.increment() * 2;
    }
  }
  const sub = new Sub(1);
  assert.ok(sub instanceof Sub);
  assert.ok(sub instanceof Counter);
  assert.equal(sub.double(), 4);
  assert.equal(sub.thisArg(), sub);
  assert.equal(sub.self(), sub);
  assert.equal(sub.thisArg().extra, 'js');
  assert.equal(Object.prototype.toString.call(sub), '[object Counter]');
  assert.equal(classes.unwrapCounter(sub), 2);
  assert.throws(() => Object.create(Sub.prototype).increment(), INVALID_THIS);
});

test('a class method with a wrong this is a TypeError naming the class: plain object, other class, other addon', () => {
  const { increment } = Counter.prototype;
  assert.throws(() => increment.call({}), INVALID_THIS);
  assert.throws(() => increment.call(new Point(3, 4)), INVALID_THIS);
  assert.throws(() => increment.call(new other.Counter()), INVALID_THIS);
  assert.throws(() => increment.call(Object.create(Counter.prototype)), INVALID_THIS);
  assert.throws(() => increment.call(5), INVALID_THIS); // a sloppy-mode this: a Number object
  assert.throws(() => increment.call(undefined), { name: 'TypeError', message: /'this' must be a Counter instance/ });
  assert.throws(() => increment.call(null), { name: 'TypeError', message: /'this' must be a Counter instance/ });
  assert.throws(() => other.Counter.prototype.increment.call(new Counter(1)), INVALID_THIS);
  const getter = Object.getOwnPropertyDescriptor(Counter.prototype, 'value').get;
  assert.throws(() => getter.call({ value: 1 }), INVALID_THIS);
  assert.throws(() => Point.prototype.norm.call(new Counter(1)), { name: 'TypeError', message: /must be a Point instance/ });
  assert.throws(() => classes.unwrapCounter(new Point(1, 2)), INVALID_THIS);
  assert.equal(new Point(3, 4).norm(), 5);
});

test('a Java object returned to JS gets the same wrapper every time (class identity)', () => {
  const counter = new Counter(1, 'identity');
  assert.equal(counter.self(), counter);
  const leaf = counter.leaf();
  assert.equal(counter.leaf(), leaf);
  assert.equal(leaf.owner(), counter);
  assert.equal(leaf.ownerLabel, 'identity');
  assert.equal(leaf.constructor.name, 'Leaf');
  assert.equal(Object.prototype.toString.call(leaf), '[object Leaf]');
  assert.throws(() => new leaf.constructor(), { name: 'TypeError', message: /Leaf cannot be constructed from JS/ });
  const fresh = counter.fresh();
  assert.ok(fresh instanceof Counter);
  assert.notEqual(counter.fresh(), fresh);
  assert.equal(fresh.label, 'identity+');
});

test('dispose closes a class instance exactly once: dispose(), Symbol.dispose, then methods throw', () => {
  const counter = new Counter(1, 'dispose-explicit');
  assert.equal(classes.closed('dispose-explicit'), 0);
  counter.dispose();
  assert.equal(classes.closed('dispose-explicit'), 1);
  counter.dispose();
  counter[Symbol.dispose]();
  assert.equal(classes.closed('dispose-explicit'), 1);
  assert.throws(() => counter.increment(), { code: 'ERR_NAPI_JAVA_DISPOSED', message: /Counter\.increment: this Counter was disposed/ });
  assert.throws(() => Counter.prototype.dispose.call({}), INVALID_THIS);
  const viaSymbol = new Counter(1, 'dispose-symbol');
  viaSymbol[Symbol.dispose]();
  viaSymbol.dispose();
  assert.equal(classes.closed('dispose-symbol'), 1);
});

test('a class instance collected by V8 is closed exactly once, and an explicit dispose is not repeated (node --expose-gc)', () => {
  const child = gcChild(`
    let kept = [];
    for (let i = 0; i < 100; i++) kept.push(new Counter(i, 'collected'));
    const disposed = new Counter(0, 'disposed-then-collected');
    disposed.dispose();
    const leafOwner = new Counter(0, 'leaf-owner');
    let leaf = leafOwner.leaf();
    kept = null;
    leaf = null;
    const all = await collectUntil(() => classes.closed('collected') === 100);
    for (let i = 0; i < 5; i++) { gc(); await tick(); }
    console.log(JSON.stringify({
      all,
      collected: classes.closed('collected'),
      disposed: classes.closed('disposed-then-collected'),
      leafOwnerStillOpen: classes.closed('leaf-owner'),
      leafOwnerLive: leafOwner.value,
    }));`);
  assert.equal(child.status, 0, child.stderr);
  assert.deepEqual(JSON.parse(child.stdout), { all: true, collected: 100, disposed: 1, leafOwnerStillOpen: 0, leafOwnerLive: 0 });
});

function inWorker(body, { terminate }) {
  const source = `
    const { parentPort } = require('node:worker_threads');
    const { load } = require(${JSON.stringify(LOADER)});
    const classes = load(${JSON.stringify(JAR)}, { addon: 'dev.napijava.tests.Classes' });
    ${body}`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true });
    let message;
    worker.once('message', async (value) => {
      message = value;
      if (terminate) await worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', () => resolve(message));
  });
}

test('each worker gets its own class constructor, and its live class instances are closed at worker teardown', async () => {
  const kept = `
    globalThis.kept = [new classes.Counter(1, label), new classes.Counter(2, label)];
    kept[0].leaf();
    const reused = new classes.Counter(3, label);
    reused.dispose();
    parentPort.postMessage({
      own: classes.sameConstructor(classes.Counter),
      name: classes.Counter.name,
      value: kept[1].increment(),
    });`;
  const exited = await inWorker(`const label = 'worker-exit'; ${kept}`, { terminate: false });
  assert.deepEqual(exited, { own: true, name: 'Counter', value: 3 });
  assert.equal(classes.closed('worker-exit'), 3); // two at teardown, one by dispose
  const terminated = await inWorker(`const label = 'worker-terminate'; ${kept} setInterval(() => {}, 1000);`, { terminate: true });
  assert.equal(terminated.own, true);
  assert.equal(classes.closed('worker-terminate'), 3);
  // The main thread's constructor is not the worker's.
  assert.equal(classes.sameConstructor(Counter), true);
});

test('class: 100,000 instances created and dropped leave the Java heap and RSS bounded (both GCs ran)', () => {
  // Rounds of 100,000: the first lets both heaps, the JIT and the C heap grow to their working
  // size; the later ones must not grow further (a leak of the instances, their table entries,
  // their wrappers or their Node-API references would grow every round). RSS is read after
  // glibc's malloc_trim, so that it counts live memory rather than free C heap; the lowest of
  // the later rounds is compared, since JIT compiler threads briefly use memory of their own.
  const child = gcChild(`
    const MB = 2 ** 20;
    let made = 0;
    async function round() {
      for (let i = 0; i < 100_000; i++) {
        const counter = new Counter(i, 'bulk');
        counter.increment();
        counter.leaf();
      }
      made += 100_000;
      const done = await collectUntil(() => classes.closed('bulk') === made);
      const [javaHeap] = classes.javaHeapAfterGc(); // System.gc() first
      gc();
      classes.trimNativeHeap();
      const { rss, heapUsed } = process.memoryUsage();
      return { done, closed: classes.closed('bulk'), javaHeap: javaHeap / MB, rss: rss / MB, v8Heap: heapUsed / MB };
    }
    const rounds = [];
    for (let i = 0; i < 5; i++) rounds.push(await round());
    console.log(JSON.stringify(rounds));`);
  assert.equal(child.status, 0, child.stderr);
  const rounds = JSON.parse(child.stdout);
  for (const [i, r] of rounds.entries()) {
    console.log(`class instances, after round ${i + 1} of 100,000 made and dropped: Java heap ${r.javaHeap.toFixed(1)} MB, `
      + `V8 heap ${r.v8Heap.toFixed(1)} MB, RSS ${r.rss.toFixed(1)} MB, closed ${r.closed}`);
  }
  rounds.forEach((r, i) => {
    assert.equal(r.done, true);
    assert.equal(r.closed, (i + 1) * 100_000); // every instance released and closed exactly once
  });
  // Two rounds of warm-up: the collectors settle their heaps' committed size in the first two.
  const [, first, ...later] = rounds;
  const last = later.at(-1);
  const lowestRss = Math.min(...later.map((r) => r.rss));
  // 100,000 Counters, Leafs and table entries kept alive would take well over 8 MB of Java heap;
  // 300,000 leaked wrappers or Node-API references well over 48 MB of RSS.
  assert.ok(last.javaHeap - first.javaHeap < 8, `Java heap grew by ${(last.javaHeap - first.javaHeap).toFixed(1)} MB`);
  assert.ok(last.v8Heap - first.v8Heap < 8, `V8 heap grew by ${(last.v8Heap - first.v8Heap).toFixed(1)} MB`);
  if (RSS_READABLE) assert.ok(lowestRss - first.rss < 48, `RSS grew by ${(lowestRss - first.rss).toFixed(1)} MB in three more rounds`); // 0 under qemu-user
});

test('the raw Node-API escape hatch: an addon calls napi_object_freeze and napi_create_string_utf8 through the bindings', () => {
  const object = { a: 1 };
  assert.equal(classes.rawFreeze(object), object);
  assert.equal(Object.isFrozen(object), true);
  assert.equal(classes.rawString('héllo'), 'héllo');
  assert.throws(() => classes.rawFreeze(1), { name: 'TypeError', message: /argument 'object' \(#1\) must be an object/ });
});
