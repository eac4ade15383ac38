import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { JAR, LOADER, loadTopic, napiJava, runChild } from './support.mjs';

const FIXTURES = process.env.NAPI_JAVA_TEST_FIXTURES;

/** A folder that looks like a JDK of this major version (release file and libjvm.so only). */
function fakeJdk(version, parent = os.tmpdir()) {
  const home = mkdtempSync(path.join(parent, `fake-jdk-${version}-`));
  writeFileSync(path.join(home, 'release'), `JAVA_VERSION="${version}.0.2"\n`);
  mkdirSync(path.join(home, 'lib', 'server'), { recursive: true });
  writeFileSync(path.join(home, 'lib', 'server', 'libjvm.so'), '');
  return home;
}

/** The error a child process gets from load(), as JSON, or its successful result. */
function loadInChild({ options = {}, env = {}, cleanEnv = false, after = 'null' } = {}) {
  const base = cleanEnv ? { PATH: mkdtempSync(path.join(os.tmpdir(), 'empty-path-')), HOME: os.tmpdir() } : process.env;
  const source = `
    const { load } = (await import('node:module')).createRequire(import.meta.url)(${JSON.stringify(LOADER)});
    try {
      const addon = load(${JSON.stringify(JAR)}, ${JSON.stringify({ addon: 'dev.napijava.tests.Functions', ...options })});
      console.log(JSON.stringify({ ok: true, value: (${after})(addon) }));
    } catch (e) {
      console.log(JSON.stringify({ ok: false, name: e.name, code: e.code, message: e.message }));
    }`;
  const child = runChild(source, { env: { ...base, ...env } });
  assert.equal(child.signal, null, child.stderr);
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout.trim().split('\n').pop());
}

test('no JDK at all gives a clear error that says what to install', () => {
  const empty = mkdtempSync(path.join(os.tmpdir(), 'no-jdks-'));
  const result = loadInChild({ cleanEnv: true, env: { NAPI_JAVA_JDK_DIRS: empty } });
  assert.equal(result.ok, false);
  assert.equal(result.code, 'ERR_NAPI_JAVA_NO_JDK');
  assert.match(result.message, /no JDK 25 or newer: found no JDK/);
  assert.match(result.message, /Install a JDK 25 or newer/);
});

test('only a JDK older than 25 gives a clear error naming it', () => {
  const jdks = mkdtempSync(path.join(os.tmpdir(), 'old-jdks-'));
  fakeJdk(17, jdks);
  const result = loadInChild({ cleanEnv: true, env: { NAPI_JAVA_JDK_DIRS: jdks, JAVA_HOME: fakeJdk(11) } });
  assert.equal(result.ok, false);
  assert.equal(result.code, 'ERR_NAPI_JAVA_OLD_JDK');
  assert.match(result.message, /found only JDK 11 at .*JDK 17 at/);
});

test('the javaHome option pointing at JDK 17 is refused with the version', () => {
  const result = loadInChild({ options: { javaHome: fakeJdk(17) } });
  assert.equal(result.code, 'ERR_NAPI_JAVA_OLD_JDK');
  assert.match(result.message, /is JDK 17; napi-java needs JDK 25 or newer/);
});

test('the javaHome option pointing at a folder that is no JDK is refused', () => {
  const result = loadInChild({ options: { javaHome: os.tmpdir() } });
  assert.equal(result.code, 'ERR_NAPI_JAVA_NO_JDK');
  assert.match(result.message, /is not a JDK/);
});

test('a missing jar gives a clear error', () => {
  assert.throws(() => napiJava.load('/no/such/addon.jar'), { code: 'ERR_NAPI_JAVA_JAR_NOT_FOUND', message: /addon jar not found: \/no\/such\/addon.jar/ });
});

test('a jar without an addon gives a clear error', () => {
  assert.throws(() => napiJava.load(path.join(FIXTURES, 'no-addon.jar')),
    { code: 'ERR_NAPI_JAVA_NO_ADDON', message: /no Addon in .*no-addon\.jar: name your class in META-INF\/services\/dev\.napijava\.Addon/ });
});

test('a jar with several addons asks to choose one', () => {
  assert.throws(() => napiJava.load(JAR), { code: 'ERR_NAPI_JAVA_NO_ADDON', message: /holds several addons .*choose one/ });
});

test('a class that is not an Addon, or is missing, is refused', () => {
  assert.throws(() => napiJava.load(JAR, { addon: 'java.lang.String' }), { code: 'ERR_NAPI_JAVA_NO_ADDON', message: /does not implement dev\.napijava\.Addon/ });
  assert.throws(() => napiJava.load(JAR, { addon: 'no.such.Addon' }), { code: 'ERR_NAPI_JAVA_NO_ADDON', message: /no class no\.such\.Addon/ });
});

test('an addon whose init throws gives a clear error with the Java cause', () => {
  assert.throws(() => napiJava.load(JAR, { addon: 'dev.napijava.tests.InitThrows' }), (e) => {
    assert.equal(e.code, 'ERR_NAPI_JAVA_ADDON_INIT');
    assert.match(e.message, /InitThrows\.init\(\) failed: java\.lang\.IllegalStateException: init refuses on purpose/);
    assert.equal(e.cause.javaClass, 'java.lang.IllegalStateException');
    return true;
  });
  assert.equal(loadTopic('Functions').add(1, 1), 2); // the process goes on
});

test('load() checks its own arguments', () => {
  assert.throws(() => napiJava.load(42), { name: 'TypeError', message: /'jarPath' must be a string, got number/ });
  assert.throws(() => napiJava.load(JAR, 'x'), { name: 'TypeError', message: /'options' must be an object/ });
  assert.throws(() => napiJava.load(JAR, { addon: 'dev.napijava.tests.Functions', jvmOptions: 'x' }), { name: 'Error', message: /jvmOptions must be an array/ });
});

test('loading twice on a thread returns the same exports', () => {
  assert.equal(loadTopic('Strings'), loadTopic('Strings'));
});

test('JVM options apply at the first load of a process, and the default heap is limited', () => {
  const custom = loadInChild({ options: { jvmOptions: ['-Dnapijava.test=hello', '-Xmx200m'] },
    after: 'a => [a.systemProperty("napijava.test"), a.maxHeapMegabytes()]' });
  assert.equal(custom.ok, true, custom.message);
  assert.equal(custom.value[0], 'hello');
  assert.ok(custom.value[1] <= 200, `max heap ${custom.value[1]} MB`);
  const defaults = loadInChild({ after: 'a => a.maxHeapMegabytes()' });
  assert.ok(defaults.value <= 512, `default max heap ${defaults.value} MB`);
});

test('JVM options that conflict with the running JVM are an error', () => {
  loadTopic('Functions');
  assert.throws(() => napiJava.load(JAR, { addon: 'dev.napijava.tests.Objects', jvmOptions: ['-Xmx64m'] }),
    { code: 'ERR_NAPI_JAVA_JVM_STARTED', message: /cannot apply: -Xmx64m/ });
  assert.throws(() => napiJava.load(JAR, { addon: 'dev.napijava.tests.Objects', javaHome: '/opt/elsewhere' }),
    { code: 'ERR_NAPI_JAVA_JVM_STARTED' });
});

test('an invalid JVM option fails load() without killing the process', () => {
  const result = loadInChild({ options: { jvmOptions: ['-XX:+NoSuchOptionAtAll'] } });
  assert.equal(result.ok, false);
  assert.equal(result.code, 'ERR_NAPI_JAVA_JVM');
  assert.match(result.message, /the JVM did not start/);
});

test('a worker gets its own exports from the same jar', async () => {
  const worker = new Worker(`
    const { parentPort } = require('node:worker_threads');
    const { load } = require(${JSON.stringify(LOADER)});
    const f = load(${JSON.stringify(JAR)}, { addon: 'dev.napijava.tests.Functions' });
    parentPort.postMessage(f.add(20, 22));`, { eval: true });
  const [answer] = await Promise.all([new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); })]);
  assert.equal(answer, 42);
  await new Promise((resolve) => worker.once('exit', resolve));
});

test('process.exit with the JVM inside exits promptly with the code', () => {
  const child = runChild(`
    const { load } = (await import('node:module')).createRequire(import.meta.url)(${JSON.stringify(LOADER)});
    const f = load(${JSON.stringify(JAR)}, { addon: 'dev.napijava.tests.Functions' });
    console.log(f.add(1, 2));
    process.exit(7);`);
  assert.equal(child.signal, null);
  assert.equal(child.status, 7, child.stderr);
  assert.equal(child.stdout.trim(), '3');
});

// exit() runs the C++ static destructors that libjvm registered when it was loaded, while the
// JVM's threads run on; the launcher ends the process before them (loader/src/main/c).
test('exiting while Java threads collect garbage and libuv\'s pool threads are attached keeps the exit code and output, without a crash', () => {
  for (const ending of ['process.exitCode = 4', 'process.exit(6)']) {
    for (let round = 0; round < 4; round++) {
      const child = runChild(`
        const { load } = (await import('node:module')).createRequire(import.meta.url)(${JSON.stringify(LOADER)});
        const a = load(${JSON.stringify(JAR)}, { addon: 'dev.napijava.tests.Async' });
        await a.manyOnPool(200, 1); // the pool's threads ran Java: they leave the JVM when Node ends them
        if (a.churnFor(3000) !== true) throw new Error('churnFor did not start');
        process.on('exit', (code) => console.log('exit event', code));
        await new Promise((resolve) => setTimeout(resolve, 50 + 25 * ${round}));
        ${ending};`);
      assert.equal(child.signal, null, `${ending}, round ${round}: ${child.stderr}`);
      assert.equal(child.status, ending.endsWith('4') ? 4 : 6, child.stderr);
      assert.equal(child.stdout.trim(), `exit event ${child.status}`);
      // The JVM's exit handlers still run: the attach listener removes its socket (jcmd's).
      assert.equal(existsSync(`/tmp/.java_pid${child.pid}`), false, 'the JVM attach socket was left behind');
    }
  }
});

test('SIGINT still reaches Node, not the JVM', () => {
  const child = runChild(`
    const { load } = (await import('node:module')).createRequire(import.meta.url)(${JSON.stringify(LOADER)});
    load(${JSON.stringify(JAR)}, { addon: 'dev.napijava.tests.Functions' });
    process.on('SIGINT', () => { console.log('node got SIGINT'); process.exit(0); });
    process.kill(process.pid, 'SIGINT');
    setTimeout(() => process.exit(3), 5000);`);
  assert.equal(child.status, 0, child.stderr);
  assert.match(child.stdout, /node got SIGINT/);
});
