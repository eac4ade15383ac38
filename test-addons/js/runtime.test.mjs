// The runtime the loader picks: the JDK floor (the class files are release 25) with a real older
// JDK, the hints it gives, and the per-user AOT start-up cache made at first use.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { JAR, LOADER, runChild } from './support.mjs';

const JDK17 = '/usr/lib/jvm/java-17-openjdk-amd64';
const LAUNCHER = path.join(path.dirname(LOADER), 'prebuilds', `linux-${process.arch}`, 'napi_java.node');

/** load() in a child process: { ok, options (the JVM's) } or { ok: false, code, message }. */
function loadInChild({ options = {}, env = {}, cleanEnv = false } = {}) {
  const base = cleanEnv ? { PATH: mkdtempSync(path.join(os.tmpdir(), 'empty-path-')), HOME: os.tmpdir() } : process.env;
  const source = `
    const require = (await import('node:module')).createRequire(import.meta.url);
    const { load } = require(${JSON.stringify(LOADER)});
    try {
      load(${JSON.stringify(JAR)}, ${JSON.stringify({ addon: 'dev.napijava.tests.Functions', ...options })}).noop();
      console.log(JSON.stringify({ ok: true, options: require(${JSON.stringify(LAUNCHER)}).state().options }));
    } catch (e) {
      console.log(JSON.stringify({ ok: false, code: e.code, message: e.message }));
    }`;
  const child = runChild(source, { env: { ...base, ...env } });
  assert.equal(child.status, 0, child.stderr);
  return { ...JSON.parse(child.stdout.trim().split('\n').pop()), stderr: child.stderr };
}

test('runtime: a real JDK 17 is refused, naming it and what to install', { skip: !existsSync(JDK17) && `no ${JDK17}` }, () => {
  const result = loadInChild({ options: { javaHome: JDK17 } });
  assert.equal(result.ok, false);
  assert.equal(result.code, 'ERR_NAPI_JAVA_OLD_JDK');
  assert.match(result.message, new RegExp(`javaHome option ${JDK17} is JDK 17; napi-java needs JDK 25 or newer`));
  assert.match(result.message, /apt-get install openjdk-25-jdk.*Debian 12 does not/);
  assert.match(result.message, /https:\/\/api\.adoptium\.net\/v3\/binary\/latest\/25\/ga\/linux\/x64\/jdk\/hotspot\/normal\/eclipse/);
  assert.match(result.message, /NAPI_JAVA_HOME/);
  assert.match(result.message, /NAPI_JAVA_JDK_DIRS/);
});

test('runtime: when only JDK 17 is found, the error names it once however many links lead to it', { skip: !existsSync(JDK17) && `no ${JDK17}` }, () => {
  const dirs = mkdtempSync(path.join(os.tmpdir(), 'jdk-links-'));
  symlinkSync(JDK17, path.join(dirs, 'java-17'));
  symlinkSync(JDK17, path.join(dirs, 'java-1.17.0'));
  const result = loadInChild({ cleanEnv: true, env: { NAPI_JAVA_JDK_DIRS: dirs, JAVA_HOME: JDK17 } });
  assert.equal(result.code, 'ERR_NAPI_JAVA_OLD_JDK');
  assert.match(result.message, /no JDK 25 or newer: found only JDK 17 at /);
  assert.equal(result.message.match(/JDK 17 at/g).length, 1, result.message);
  assert.equal(result.message.match(/Temurin 25/g).length, 1, 'the hint names the JDK to install once');
});

test('runtime: NAPI_JAVA_HOME pointing at JDK 17 is refused with the variable named', { skip: !existsSync(JDK17) && `no ${JDK17}` }, () => {
  const result = loadInChild({ env: { NAPI_JAVA_HOME: JDK17 } });
  assert.equal(result.code, 'ERR_NAPI_JAVA_OLD_JDK');
  assert.match(result.message, new RegExp(`NAPI_JAVA_HOME ${JDK17} is JDK 17`));
});

async function cacheMade(dir) {
  for (;;) {
    const names = readdirSync(dir);
    if (names.some((n) => n.endsWith('.aot')) && !names.some((n) => n.endsWith('.lock'))) return names.find((n) => n.endsWith('.aot'));
    if (!names.some((n) => n.endsWith('.lock'))) return undefined; // the maker gave up
    await sleep(200);
  }
}

test('runtime: the start-up cache is made at first use in the per-user cache folder, then used', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'napi-java-cache-'));
  const env = { NAPI_JAVA_CACHE_DIR: dir, NAPI_JAVA_AOT_CACHE: '' };
  const first = loadInChild({ env });
  assert.equal(first.ok, true, first.message);
  assert.ok(!first.options.some((o) => o.startsWith('-XX:AOTCache=')), 'no cache yet at the first load');
  const made = await cacheMade(dir);
  assert.ok(made, `a cache in ${dir}: ${readdirSync(dir)}`);
  assert.match(made, /^jdk25-[0-9a-f]{8}-[0-9a-f]{12}\.aot$/);
  const second = loadInChild({ env });
  assert.ok(second.options.includes(`-XX:AOTCache=${path.join(dir, made)}`), second.options.join(' '));
  assert.equal(second.stderr, '', 'the JVM stays quiet about its cache');
  assert.deepEqual(readdirSync(dir), [made], 'no leftovers, no second cache');

  const off = (extra) => !loadInChild(extra).options.some((o) => o.startsWith('-XX:AOTCache='));
  assert.ok(off({ env: { ...env, NAPI_JAVA_AOT_CACHE: 'off' } }), 'NAPI_JAVA_AOT_CACHE=off turns it off');
  assert.ok(off({ env, options: { aotCache: false } }), '{ aotCache: false } turns it off');
  assert.ok(off({ env, options: { jvmOptions: ['-Xshare:off'] } }), 'class-data options of the user turn it off');
  assert.ok(!off({ env, options: { jvmOptions: ['-XX:+UseSerialGC'] } }), 'other options keep it');
});

test('runtime: a start-up cache made after the JVM started does not make a later load with the same options conflict', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'napi-java-cache-'));
  const child = runChild(`
    const require = (await import('node:module')).createRequire(import.meta.url);
    const { load, findJavaHome } = require(${JSON.stringify(LOADER)});
    const aot = require(${JSON.stringify(path.join(path.dirname(LOADER), 'aot.js'))});
    const options = { jvmOptions: ['-Dnapijava.test=1'], aotCache: true };
    load(${JSON.stringify(JAR)}, { addon: 'dev.napijava.tests.Functions', ...options });
    (await import('node:fs')).writeFileSync(aot.cacheFile(findJavaHome()), ''); // as if the background process just made it
    const objects = load(${JSON.stringify(JAR)}, { addon: 'dev.napijava.tests.Objects', ...options });
    console.log(typeof objects);`, { env: { ...process.env, NAPI_JAVA_CACHE_DIR: dir, NAPI_JAVA_AOT_CACHE: '' } });
  assert.equal(child.status, 0, child.stderr);
  assert.equal(child.stdout.trim(), 'object');
});
