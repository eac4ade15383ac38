// The seed examples (Seeds.java, written with @JsExport), checked against the seed documents:
// napi-rs "Functions and Callbacks" and neon "Async Tasks". Each test quotes the behaviour it checks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LOADER, loadTopic, runChild } from './support.mjs';

const seeds = loadTopic('Seeds');

test('processUserData("alice", (name) => `Hello, ${name}!`) is "Hello, ALICE!"', () => {
  assert.equal(seeds.processUserData('alice', (name) => `Hello, ${name}!`), 'Hello, ALICE!');
});

test('processUserData passes exactly one argument to the callback', () => {
  assert.deepEqual(seeds.processUserData('bob', (...args) => args.join('|')), 'BOB');
});

test('processUserData rejects a non-string username with a TypeError', () => {
  assert.throws(() => seeds.processUserData(42, (n) => n), { name: 'TypeError', message: /'username'.*must be a string, got number/ });
});

test('processUserData lets an exception of the callback through', () => {
  assert.throws(() => seeds.processUserData('x', () => { throw new RangeError('from callback'); }), { name: 'RangeError', message: 'from callback' });
});

test('calculateSalary(50000, ...) gives the callback (base, 20% tax, "Engineering") and returns its 45000', () => {
  const seen = [];
  const total = seeds.calculateSalary(50000, (base, tax, dept) => {
    seen.push([base, tax, dept]);
    return base - tax + (dept === 'Engineering' ? 5000 : 0);
  });
  assert.deepEqual(seen, [[50000, 10000, 'Engineering']]);
  assert.equal(total, 45000);
});

test('calculateSalary: the callback must return a number (f64), else a TypeError', () => {
  assert.throws(() => seeds.calculateSalary(100, () => 'eighty'), { name: 'TypeError', message: /callback 'callback' must be a number, got string/ });
});

test('calculateSalary rejects a missing callback with a TypeError', () => {
  assert.throws(() => seeds.calculateSalary(100), { name: 'TypeError', message: /'callback'.*missing.*function/ });
});

test('scheduleNotification calls the kept function with "Notification triggered!" and its Promise<void> resolves to undefined', async () => {
  const seen = [];
  const result = await seeds.scheduleNotification(50, (message) => { seen.push(message); return 'ignored'; });
  assert.deepEqual(seen, ['Notification triggered!']);
  assert.equal(result, undefined);
});

test('scheduleNotification keeps a script alive until the notification ran', () => {
  const child = runChild(`
    import { createRequire } from 'node:module';
    const { load } = createRequire(import.meta.url)(${JSON.stringify(LOADER)});
    const addon = load(process.env.NAPI_JAVA_TEST_JAR, { addon: 'dev.napijava.tests.Seeds' });
    addon.scheduleNotification(200, (m) => console.log(m));`);
  assert.equal(child.status, 0, child.stderr);
  assert.equal(child.stdout.trim(), 'Notification triggered!');
});

test('scheduleNotification: delayMs is a u32, a negative delay is a RangeError', () => {
  assert.throws(() => seeds.scheduleNotification(-5, () => {}), { name: 'RangeError', message: /'delayMs' \(#1\) must be an integer from 0 to 4294967295, got -5/ });
  assert.throws(() => seeds.scheduleNotification(10, 'nope'), { name: 'TypeError', message: /'callback' \(#2\) must be a function, got string/ });
});

test('processEvents calls highPriority(null, "CRITICAL: System alert") and lowPriority(null, "INFO: Regular update"), returns undefined', async () => {
  let high;
  let low;
  const both = Promise.all([new Promise((resolve) => { high = resolve; }), new Promise((resolve) => { low = resolve; })]);
  const returned = seeds.processEvents((...args) => high(args), (...args) => low(args));
  assert.equal(returned, undefined);
  assert.deepEqual(await both, [[null, 'CRITICAL: System alert'], [null, 'INFO: Regular update']]);
});

test('backgroundLogger calls back (null, "Background log entry") and returns undefined', async () => {
  let returned;
  const keepAlive = setInterval(() => {}, 1000); // the weak function alone does not keep Node running
  const args = await new Promise((resolve) => { returned = seeds.backgroundLogger((...a) => resolve(a)); });
  clearInterval(keepAlive);
  assert.equal(returned, undefined);
  assert.deepEqual(args, [null, 'Background log entry']);
});

test('backgroundLogger: a weak function lets a script exit on its own', () => {
  const started = Date.now();
  const child = runChild(`
    import { createRequire } from 'node:module';
    const { load } = createRequire(import.meta.url)(${JSON.stringify(LOADER)});
    const addon = load(process.env.NAPI_JAVA_TEST_JAR, { addon: 'dev.napijava.tests.Seeds' });
    addon.backgroundLogger((err, line) => console.log('log:', err, line));
    console.log('script done');`, { timeout: 20_000 });
  assert.equal(child.status, 0, child.stderr);
  assert.match(child.stdout, /script done/);
  assert.ok(Date.now() - started < 10_000, 'exited before the logger\'s second call');
});

test('fetchUserProfile(123, async (err, userId) => ...) calls back (null, "user_123") and resolves to "Enhanced: <profile>"', async () => {
  const seen = [];
  const profile = await seeds.fetchUserProfile(123, async (err, userId) => {
    if (err) throw err;
    seen.push([err, userId]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    return 'John Doe';
  });
  assert.deepEqual(seen, [[null, 'user_123']]);
  assert.equal(profile, 'Enhanced: John Doe');
});

test('fetchUserProfile rejects when the callback\'s promise rejects', async () => {
  await assert.rejects(seeds.fetchUserProfile(7, async () => { throw new Error('no such user'); }), /no such user/);
});

test('fetchUserProfile takes a numeric user id (u32): a string is a TypeError, a negative one a RangeError', () => {
  assert.throws(() => seeds.fetchUserProfile('42', () => {}), { name: 'TypeError', message: /'userId' \(#1\) must be a number, got string/ });
  assert.throws(() => seeds.fetchUserProfile(-1, () => {}), { name: 'RangeError', message: /'userId' \(#1\) must be an integer from 0 to 4294967295/ });
});

test('performAsyncTask: the JS after the call finishes before the callback gets (null, 17)', async () => {
  const order = [];
  await new Promise((resolve) => {
    seeds.performAsyncTask((err, value) => {
      order.push(['callback', err, value]);
      resolve();
    });
    for (let i = 0; i < 3; i++) order.push(i);
  });
  assert.deepEqual(order, [0, 1, 2, ['callback', null, 17]]);
});

test('performFailingTask calls back with an Error whose message is exactly "I am a failing task"', async () => {
  const [err, value] = await new Promise((resolve) => seeds.performFailingTask((...args) => resolve(args)));
  assert.ok(err instanceof Error);
  assert.equal(err.message, 'I am a failing task');
  assert.equal(value, undefined);
});
