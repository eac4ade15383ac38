// The failure modes of issue 13, one test each, titled by the failure. Every case runs in a child
// Node process (a crash or a hang then fails that test only): a signal, a timeout or a wrong exit
// code fails it with the child's stderr. Children print one `RESULT <json>` line for the checks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LOADER, runChild } from './support.mjs';

/** Runs `body` (ES module code) in a child Node process with the helpers below in scope. */
function scenario(body, { timeout = 30_000, nodeFlags = [] } = {}) {
  const source = `
    import { createRequire } from 'node:module';
    import { Worker } from 'node:worker_threads';
    const { load } = createRequire(import.meta.url)(${JSON.stringify(LOADER)});
    const JAR = process.env.NAPI_JAVA_TEST_JAR;
    const LOADER = ${JSON.stringify(LOADER)};
    const topic = (name, options = {}) => load(JAR, { addon: 'dev.napijava.tests.' + name, ...options });
    const report = (value) => console.log('RESULT ' + JSON.stringify(value));
    const tick = () => new Promise((resolve) => setImmediate(resolve));
    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    const describe = (e) => e instanceof Error
      ? { isError: true, name: e.name, message: e.message, javaClass: e.javaClass, cause: e.cause && describe(e.cause) }
      : { isError: false, value: String(e) };
    const mb = (bytes) => Math.round(bytes / 1048576);
    ${body}`;
  return runChild(source, { timeout, nodeFlags });
}

/** The child's RESULT, after checking that it neither crashed nor hung nor failed. */
function resultOf(child, { status = 0, signal = null } = {}) {
  const tail = `\n--- child stderr (last 3000 chars) ---\n${(child.stderr ?? '').slice(-3000)}`;
  if (child.signal === 'SIGTERM') assert.fail(`the child hung: killed after its timeout${tail}`);
  assert.equal(child.signal, signal, `the child crashed with ${child.signal}${tail}`);
  if (signal === null) assert.equal(child.status, status, `the child exited with ${child.status}${tail}`);
  const line = child.stdout.split('\n').reverse().find((l) => l.startsWith('RESULT '));
  assert.ok(line, `the child printed no RESULT line; stdout: ${child.stdout.slice(-2000)}${tail}`);
  return JSON.parse(line.slice('RESULT '.length));
}

// The JS error for a Java exception of class `javaClass`, here or in its causes.
function findJavaClass(error, javaClass) {
  for (let e = error; e; e = e.cause) if (e.javaClass === javaClass) return e;
  return undefined;
}

// --- 1. values kept past their call ---

test('item 1 SIGSEGV: a JS function kept by Java past its call (resolveLater) comes back as the same function', (t) => {
  const result = resultOf(scenario(`
    const Async = topic('Async');
    const outcomes = [];
    for (let round = 0; round < 5; round++) {
      const f = () => round;
      const pending = Async.resolveLater(f, 20);
      let junk = [];
      for (let i = 0; i < 200000; i++) junk.push({ i, s: 'x' + i });
      junk = null;
      const back = await pending;
      outcomes.push({ same: back === f, type: typeof back, calls: typeof back === 'function' ? back() : null });
    }
    // A second call after the first round trip: the one that crashed.
    const g = () => 'g';
    outcomes.push({ same: (await Async.resolveLater(g, 0)) === g, type: 'function', calls: g() });
    report(outcomes);`));
  for (const [round, outcome] of result.entries()) {
    assert.equal(outcome.type, 'function', `round ${round}: resolved to a ${outcome.type}`);
    assert.equal(outcome.same, true, `round ${round}: not the same function`);
  }
  t.diagnostic(JSON.stringify(result));
});

test('item 1 SIGSEGV: a JS symbol kept by Java past its call comes back as the same symbol', () => {
  const result = resultOf(scenario(`
    const Async = topic('Async');
    const s = Symbol('kept');
    const pending = Async.resolveLater(s, 20);
    for (let i = 0; i < 200000; i++) ({ i });
    const back = await pending;
    const inObject = await Async.resolveLater({ fn: Math.max, sym: s }, 10);
    report({ same: back === s, type: typeof back, fnSame: inObject.fn === Math.max, symSame: inObject.sym === s });`));
  assert.deepEqual(result, { same: true, type: 'symbol', fnSame: true, symSame: true });
});

test('item 1 SIGSEGV: a function returned by a threadsafe call() to a Java thread comes back as the same function', () => {
  const result = resultOf(scenario(`
    const Threadsafe = topic('Threadsafe');
    const outcomes = [];
    for (let round = 0; round < 5; round++) {
      const g = () => round;
      const outcome = await Threadsafe.callForResult(() => {
        for (let i = 0; i < 50000; i++) ({ i });
        return g;
      }, null);
      for (let i = 0; i < 50000; i++) ({ i });
      outcomes.push({ same: outcome.value === g, type: typeof outcome.value });
    }
    report(outcomes);`));
  assert.deepEqual(result, Array(5).fill({ same: true, type: 'function' }));
});

// --- 2. Errors (not Exceptions) in Java ---

// Each Error thrown three times by a Java function (and from deep JS recursion), then a normal call.
for (const [errorClass, setup, thrower] of [
  ['OutOfMemoryError', "topic('Failures', { jvmOptions: ['-Xmx64m'] }).exhaustHeap", 'F.exhaustHeap()'],
  ['StackOverflowError', "topic('Errors').stackOverflow", 'F.stackOverflow()'],
]) {
  test(`item 2 SIGABRT: ${errorClass} in a Java function becomes a JS Error and Node keeps working`, () => {
    const result = resultOf(scenario(`
      const F = { ${thrower.slice(2, thrower.indexOf('('))}: ${setup} };
      const errors = [];
      for (let i = 0; i < 3; i++) {
        try { ${thrower}; errors.push('returned'); } catch (e) { errors.push(describe(e)); }
      }
      const deep = (n) => (n === 0 ? ${thrower} : deep(n - 1));
      try { deep(5000); errors.push('returned'); } catch (e) { errors.push(describe(e)); }
      report({ errors, afterwards: topic('Functions').add(2, 3) });`, { timeout: 60_000 }));
    for (const error of result.errors) {
      assert.equal(error.isError, true, JSON.stringify(error));
      assert.match(error.message, new RegExp(`${errorClass}|^Java heap space$`)); // the Java message (the class is in javaClass)
      assert.equal(error.javaClass, `java.lang.${errorClass}`);
    }
    assert.equal(result.afterwards, 5);
  });
}

// Either a bounded queue (offer() refuses at its bound) or a clear JS error before the heap is
// gone: the issue allows both. What it forbids is the abort ("Unrecoverable uncaught exception").
test('item 2 SIGABRT: Threadsafe.offerUntilFull(0, ...) filling the Java heap does not abort Node', () => {
  const result = resultOf(scenario(`
    const Threadsafe = topic('Threadsafe', { jvmOptions: ['-Xmx64m'] });
    let outcome;
    try { outcome = { returned: Threadsafe.offerUntilFull(0, () => {}) }; } catch (e) { outcome = { thrown: describe(e) }; }
    report({ outcome, afterwards: Threadsafe.offerUntilFull(3, () => {}) });
    process.exit(0);`, { timeout: 90_000 }));
  if ('thrown' in result.outcome) assert.equal(result.outcome.thrown.isError, true, JSON.stringify(result.outcome));
  else assert.ok(Number.isInteger(result.outcome.returned) && result.outcome.returned > 0, JSON.stringify(result.outcome));
  assert.equal(result.afterwards, 3);
});

// onJavaThreads false is libuv's pool: Node's exit then waits for the pool's running tasks (as for
// a C addon's napi_async_work, see the AsyncTask javadoc), so that child is killed once it has
// reported; on Java threads (true, the default executor) it exits by itself.
for (const onJavaThreads of [false, true]) {
  test(`item 2 SIGABRT: Async.startAndCancelLast(2**32, 2**31-1, ${onJavaThreads}) throws a JS Error instead of aborting`, () => {
    const result = resultOf(scenario(`
      const Async = topic('Async', { jvmOptions: ['-Xmx64m'] });
      let outcome;
      try { Async.startAndCancelLast(2 ** 32, 2 ** 31 - 1, ${onJavaThreads}); outcome = 'returned'; } catch (e) { outcome = describe(e); }
      report({ outcome, afterwards: topic('Functions').add(2, 3) });
      ${onJavaThreads ? 'process.exit(0);' : "process.kill(process.pid, 'SIGKILL');"}`, { timeout: 90_000 }),
    { signal: onJavaThreads ? null : 'SIGKILL' });
    assert.equal(result.outcome.isError, true, JSON.stringify(result.outcome));
    assert.match(result.outcome.message, /too many AsyncTasks pending/);
    assert.equal(result.afterwards, 5);
  });
}

// --- 3. garbage across the two heaps ---

test('item 3 cross-heap: JS dropping 2,000 functions that hold 1 MB Java arrays does not run out of Java heap (-Xmx256m)', (t) => {
  const result = resultOf(scenario(`
    const F = topic('Failures', { jvmOptions: ['-Xmx256m'] });
    const samples = [];
    let made = 0;
    let failure = null;
    try {
      for (; made < 2000; made++) {
        const holder = F.bigClosure();
        if (holder() !== 1048576) throw new Error('wrong length');
        if (made % 20 === 0) await tick();
        if (made % 500 === 0) samples.push({ made, javaHeapMb: F.heapUsedMegabytes(), rssMb: mb(process.memoryUsage().rss) });
      }
    } catch (e) { failure = describe(e); }
    samples.push({ made, javaHeapMb: F.heapUsedMegabytes(), rssMb: mb(process.memoryUsage().rss) });
    report({ made, failure, samples });`, { timeout: 120_000 }));
  t.diagnostic(`Java heap and RSS while dropping closures: ${JSON.stringify(result.samples)}`);
  assert.equal(result.failure, null, JSON.stringify(result.failure));
  assert.equal(result.made, 2000);
  assert.ok(result.samples.at(-1).javaHeapMb <= 256);
});

test('item 3 cross-heap: Java dropping 3,000 unclosed JsRefs to 1 MB JS arrays stays under V8\'s heap limit (--max-old-space-size=256)', (t) => {
  const result = resultOf(scenario(`
    const F = topic('Failures');
    const samples = [];
    let dropped = 0;
    for (; dropped < 3000; dropped++) {
      F.dropRefTo(new Array(131072).fill(dropped + 0.5)); // 1 MB of doubles
      if (dropped % 10 === 0) await tick();
      if (dropped % 500 === 0) samples.push({ dropped, jsHeapMb: mb(process.memoryUsage().heapUsed), rssMb: mb(process.memoryUsage().rss) });
    }
    samples.push({ dropped, jsHeapMb: mb(process.memoryUsage().heapUsed), rssMb: mb(process.memoryUsage().rss) });
    report({ dropped, samples });`, { timeout: 180_000, nodeFlags: ['--max-old-space-size=256'] }));
  t.diagnostic(`JS heap and RSS while Java drops references: ${JSON.stringify(result.samples)}`);
  assert.equal(result.dropped, 3000);
});

// --- 4. waits on the JS thread that only the JS thread could end ---

const DEADLOCK_TIMEOUT = 20_000;

// Each join runs in a child of its own: a hang fails its test by the child's timeout.
for (const [wait, join] of [
  ['tsfn.call(x).join()', 'F.joinThreadsafeCall(() => 1)'],
  ['channel.send(f).join()', 'F.joinChannelSend()'],
  ['Promises.await(p).join()', 'F.joinPromiseAwait(new Promise((resolve) => setTimeout(resolve, 10, 5)))'],
]) {
  test(`item 4 deadlock: ${wait} on the JS thread throws at once instead of hanging`, () => {
    const outcome = resultOf(scenario(`
      const F = topic('Failures');
      let outcome;
      try { outcome = { returned: ${join} }; } catch (e) { outcome = describe(e); }
      report(outcome);
      process.exit(0);`, { timeout: DEADLOCK_TIMEOUT }));
    assert.equal(outcome.isError, true, `expected a JS Error, got ${JSON.stringify(outcome)}`);
    assert.match(outcome.message, /deadlock/i);
    assert.ok(findJavaClass(outcome, 'java.lang.IllegalStateException'), `no IllegalStateException in ${JSON.stringify(outcome)}`);
  });
}

test('item 4 deadlock: a producer blocked in put() while the JS thread joins it gets WOULD_DEADLOCK', () => {
  const result = resultOf(scenario(`
    const F = topic('Failures');
    let outcome;
    try { outcome = F.joinBlockedProducer(() => {}); } catch (e) { outcome = describe(e); }
    report(outcome);
    process.exit(0);`, { timeout: DEADLOCK_TIMEOUT }));
  assert.equal(result, 'WOULD_DEADLOCK');
});

// --- 5. conversion of shared, cyclic, deep and huge values ---

test('item 5 exponential conversion: 40 levels of shared sub-objects convert promptly, once (r.a === r.b)', () => {
  const result = resultOf(scenario(`
    const Async = topic('Async');
    let o = { leaf: true };
    for (let i = 0; i < 40; i++) o = { a: o, b: o };
    const r = await Async.resolveLater(o, 0);
    let sharedAtEveryLevel = true;
    let depth = 0;
    for (let x = r; x && !x.leaf; x = x.a, depth++) if (x.a !== x.b) sharedAtEveryLevel = false;
    report({ sharedAtEveryLevel, depth });`, { timeout: 20_000 }));
  assert.deepEqual(result, { sharedAtEveryLevel: true, depth: 40 });
});

test('item 5 exponential conversion: a cyclic object passed to Java is a TypeError mentioning "cyclic"', () => {
  const result = resultOf(scenario(`
    const Async = topic('Async');
    const cyclic = { name: 'root' };
    cyclic.self = cyclic;
    const inArray = [1];
    inArray.push(inArray);
    const outcomes = [];
    for (const value of [cyclic, inArray, { deeper: { back: cyclic } }]) {
      try { await Async.resolveLater(value, 0); outcomes.push('resolved'); } catch (e) { outcomes.push(describe(e)); }
    }
    report(outcomes);`, { timeout: 20_000 }));
  for (const outcome of result) {
    assert.equal(outcome.name, 'TypeError', JSON.stringify(outcome));
    assert.match(outcome.message, /cyclic/i);
  }
});

test('item 5 exponential conversion: a 100,000-deep value is a RangeError with a clear message', () => {
  const result = resultOf(scenario(`
    const Async = topic('Async');
    const outcomes = [];
    let array = [];
    for (let i = 0; i < 100000; i++) array = [array];
    let object = {};
    for (let i = 0; i < 100000; i++) object = { next: object };
    for (const value of [array, object]) {
      try { await Async.resolveLater(value, 0); outcomes.push('resolved'); } catch (e) { outcomes.push(describe(e)); }
    }
    report(outcomes);`, { timeout: 30_000 }));
  for (const outcome of result) {
    assert.equal(outcome.name, 'RangeError', JSON.stringify(outcome));
    assert.match(outcome.message, /deep|depth|nest/i);
  }
});

test('item 5 exponential conversion: a huge value (16M elements) is a RangeError with a clear message (-Xmx128m)', () => {
  const result = resultOf(scenario(`
    const Async = topic('Async', { jvmOptions: ['-Xmx128m'] });
    let outcome;
    try { await Async.resolveLater(new Array(2 ** 24).fill(1), 0); outcome = 'resolved'; } catch (e) { outcome = describe(e); }
    report({ outcome, afterwards: await Async.resolveLater('still working', 0) });`, { timeout: 90_000 }));
  assert.equal(result.outcome.name, 'RangeError', JSON.stringify(result.outcome));
  assert.match(result.outcome.message, /large|big|size|limit|many/i);
  assert.equal(result.afterwards, 'still working');
});

// --- 6. misuse of scopes and exceptions ---

test('item 6 CHECK open_handle_scopes: a Java function that leaves a HandleScope open does not abort Node', () => {
  const result = resultOf(scenario(`
    const F = topic('Failures');
    const returned = [];
    for (let i = 0; i < 3; i++) returned.push(F.leaveScopeOpen(), F.leaveNestedScopesOpen());
    const afterwards = topic('Functions').callRepeatedly((i) => i, 100);
    report({ returned, afterwards });`));
  assert.deepEqual(result, { returned: Array(6).fill('returned'), afterwards: 4950 });
});

test('item 6 wrong value ("filler-2"): a JsException rethrown after its scope closed throws the original JS value', () => {
  const result = resultOf(scenario(`
    const F = topic('Failures');
    class Custom extends Error {}
    const error = new Custom('original');
    const thrown = [error, 'original string', { plain: 'object' }];
    const sameInCall = [];
    for (const value of thrown) {
      try { F.rethrowAfterScope(() => { throw value; }); sameInCall.push('no throw'); } catch (e) { sameInCall.push(e === value); }
    }
    const sameLater = [];
    for (const value of thrown) {
      F.keepException(() => { throw value; });
      for (let i = 0; i < 1000; i++) ({ i });
      try { F.rethrowKept(); sameLater.push('no throw'); } catch (e) { sameLater.push(e === value); }
    }
    report({ sameInCall, sameLater });`));
  assert.deepEqual(result, { sameInCall: [true, true, true], sameLater: [true, true, true] });
});

// --- 7. teardown, late calls, exit ---

test('item 7: release() by a holder after its worker died is a no-op or CLOSING, not IllegalStateException', () => {
  const result = resultOf(scenario(`
    const F = topic('Failures');
    const outcomes = [];
    for (let round = 0; round < 3; round++) {
      const worker = new Worker(\`
        const { parentPort } = require('node:worker_threads');
        const { load } = require(\${JSON.stringify(LOADER)});
        const F = load(\${JSON.stringify(JAR)}, { addon: 'dev.napijava.tests.Failures' });
        F.holdPastTeardown(() => {});
        parentPort.postMessage('holding');\`, { eval: true, execArgv: [] });
      await new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); });
      await worker.terminate();
      const deadline = Date.now() + 10_000;
      while (F.lateRelease() === 'not yet' && Date.now() < deadline) await sleep(10);
      outcomes.push(F.lateRelease());
    }
    report(outcomes);`));
  for (const outcome of result) assert.match(outcome, /^(released|NapiException CLOSING)$/);
});

test('item 7 PENDING_EXCEPTION: queued call() futures fail with CLOSING at worker terminate(), and stderr stays small', (t) => {
  const child = scenario(`
    const F = topic('Failures');
    for (let round = 0; round < 3; round++) {
      const worker = new Worker(\`
        const { parentPort } = require('node:worker_threads');
        const { load } = require(\${JSON.stringify(LOADER)});
        const F = load(\${JSON.stringify(JAR)}, { addon: 'dev.napijava.tests.Failures' });
        let calls = 0;
        F.callUntilClosed(2, (i) => { if (++calls === 500) parentPort.postMessage('busy'); return i; });\`, { eval: true, execArgv: [] });
      await new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); });
      await worker.terminate();
    }
    const deadline = Date.now() + 20_000;
    while (F.callOutcomes().running > 0 && Date.now() < deadline) await sleep(20);
    await sleep(200); // futures completed by the last messages
    report(F.callOutcomes());
    process.exit(0);`, { timeout: 60_000 });
  const result = resultOf(child);
  t.diagnostic(`outcomes: ${JSON.stringify(result)}; stderr: ${child.stderr.length} chars`);
  assert.equal(result.running, 0, 'some Java callers never stopped');
  const wrong = Object.entries(result.outcomes).filter(([kind]) => !['ok', 'CLOSING', 'thrown CLOSING'].includes(kind));
  assert.deepEqual(wrong, [], 'futures failed with something other than CLOSING');
  assert.ok((result.outcomes.CLOSING ?? 0) + (result.outcomes['thrown CLOSING'] ?? 0) > 0, 'no call saw CLOSING');
  assert.ok(child.stderr.length < 16_384, `stderr has ${child.stderr.length} chars: ${child.stderr.slice(0, 2000)}`);
});

test('item 7 stack traces: put() calls queued at worker terminate() are dropped quietly (stderr stays small)', (t) => {
  const child = scenario(`
    const Threadsafe = topic('Threadsafe');
    const before = Threadsafe.producers();
    for (let round = 0; round < 3; round++) {
      const worker = new Worker(\`
        const { parentPort } = require('node:worker_threads');
        const { load } = require(\${JSON.stringify(LOADER)});
        const Threadsafe = load(\${JSON.stringify(JAR)}, { addon: 'dev.napijava.tests.Threadsafe' });
        let calls = 0;
        Threadsafe.spam(4, () => { if (++calls === 1000) parentPort.postMessage('busy'); });\`, { eval: true, execArgv: [] });
      await new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); });
      await worker.terminate();
    }
    const deadline = Date.now() + 20_000;
    let now = Threadsafe.producers();
    while (now.closed - before.closed < 12 && Date.now() < deadline) { await sleep(20); now = Threadsafe.producers(); }
    report({ started: now.started - before.started, closed: now.closed - before.closed });
    process.exit(0);`, { timeout: 60_000 });
  const result = resultOf(child);
  t.diagnostic(`producers: ${JSON.stringify(result)}; stderr: ${child.stderr.length} chars`);
  assert.deepEqual(result, { started: 12, closed: 12 });
  assert.ok(child.stderr.length < 16_384, `stderr has ${child.stderr.length} chars: ${child.stderr.slice(0, 2000)}`);
});

test('item 7 dropped silently: progress reported after the work returned is an IllegalStateException', () => {
  const result = resultOf(scenario(`
    const F = topic('Failures');
    const seen = [];
    const value = await F.progressAfterReturn((v) => seen.push(v));
    let outcome;
    try { outcome = F.reportLate('late'); } catch (e) { outcome = describe(e); }
    await sleep(50);
    report({ value, outcome, seen });`));
  assert.equal(result.value, 'done');
  assert.equal(result.outcome.isError, true, `reportLate returned ${JSON.stringify(result.outcome)}`);
  assert.equal(result.outcome.javaClass, 'java.lang.IllegalStateException');
  assert.deepEqual(result.seen, []);
});

test('item 7 hang: process.exit() while AsyncTasks run on the default executor exits with its code', () => {
  for (let run = 0; run < 3; run++) {
    const child = scenario(`
      const F = topic('Failures');
      for (let i = 0; i < 6; i++) F.defaultTaskSleeping(600000).catch(() => {});
      setTimeout(() => { report('exiting'); process.exit(3); }, 100);`, { timeout: 20_000 });
    assert.equal(resultOf(child, { status: 3 }), 'exiting');
  }
});

// --- 8. a rejection keeps its identity through Java ---

test('item 8 detached: a JS callback\'s rejection through ThreadsafeFunction.call() reaches JS as the same value and class', () => {
  const result = resultOf(scenario(`
    const F = topic('Failures');
    class CustomError extends Error {}
    const error = new CustomError('from the callback');
    const outcomes = [];
    const callbacks = [() => { throw error; }, async () => { throw error; }, () => Promise.reject(error), () => { throw 'a string'; }];
    for (const callback of callbacks) {
      try { await F.rejectThroughCall(callback); outcomes.push('resolved'); }
      catch (e) { outcomes.push({ same: e === error || e === 'a string', isCustom: e instanceof CustomError, message: String(e && e.message) }); }
    }
    report(outcomes);`));
  assert.deepEqual(result.slice(0, 3), Array(3).fill({ same: true, isCustom: true, message: 'from the callback' }));
  assert.equal(result[3].same, true, JSON.stringify(result[3]));
});

test('item 8 detached: a rejection through Promises.await() reaches JS as the same value and class', () => {
  const result = resultOf(scenario(`
    const F = topic('Failures');
    const Async = topic('Async');
    class CustomError extends Error {}
    const error = new CustomError('rejected');
    const outcomes = [];
    for (const attempt of [() => F.rejectThroughAwait(Promise.reject(error)), () => Async.awaitAndDouble(Promise.reject(error)),
      () => F.rejectThroughAwait(new Promise((_, reject) => setTimeout(reject, 10, error)))]) {
      try { await attempt(); outcomes.push('resolved'); } catch (e) { outcomes.push({ same: e === error, isCustom: e instanceof CustomError }); }
    }
    report(outcomes);`));
  assert.deepEqual(result, Array(3).fill({ same: true, isCustom: true }));
});

test('item 8 (control): a throw inside a Channel closure reaches JS as the same value', () => {
  const result = resultOf(scenario(`
    const Channels = topic('Channels');
    class CustomError extends Error {}
    globalThis.kept = new CustomError('in the channel');
    let outcome;
    try { await Channels.roundTrip('throw globalThis.kept'); outcome = 'resolved'; }
    catch (e) { outcome = { same: e === globalThis.kept, isCustom: e instanceof CustomError }; }
    report(outcome);`));
  assert.deepEqual(result, { same: true, isCustom: true });
});
