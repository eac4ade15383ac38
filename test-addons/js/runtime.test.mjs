// The runtime the loader picks: the JDK floor (the class files are release 25) with a real older
// JDK, the hints it gives, and the per-user AOT start-up cache made at first use.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { JAR, LOADER, napiJava, platform, runChild } from './support.mjs';

const require = createRequire(import.meta.url);
const { jdkArch, jdkVersion, libjvm } = require(path.join(path.dirname(LOADER), 'jdk.js'));
const LAUNCHER = platform.launcherPath();
const ADOPTIUM_ARCH = { x64: 'x64', arm64: 'aarch64' }[process.arch] || process.arch;

/** A real JDK older than 25 of this machine's architecture (Debian's openjdk-17 here), found where the loader looks. */
function findOldJdk() {
  for (const folder of ['/usr/lib/jvm', '/usr/java', '/opt/java', path.join(os.homedir(), '.jdks')]) {
    let names = [];
    try { names = readdirSync(folder).sort(); } catch { /* no such folder */ }
    for (const name of names) {
      const home = path.join(folder, name);
      const version = jdkVersion(home);
      if (version !== undefined && version < 25 && libjvm(home) && jdkArch(home) === process.arch) return { home: realpathSync(home), version };
    }
  }
  return undefined;
}

const OLD = findOldJdk();
const OLD_JDK = OLD?.home;
const OLD_VERSION = OLD?.version;
const NO_OLD = !OLD && 'no JDK older than 25 installed';

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

test('runtime: a real JDK older than 25 is refused, naming it and what to install', { skip: NO_OLD }, () => {
  const result = loadInChild({ options: { javaHome: OLD_JDK } });
  assert.equal(result.ok, false);
  assert.equal(result.code, 'ERR_NAPI_JAVA_OLD_JDK');
  assert.match(result.message, new RegExp(`javaHome option ${OLD_JDK} is JDK ${OLD_VERSION}; napi-java needs JDK 25 or newer`));
  assert.match(result.message, /apt-get install openjdk-25-jdk.*Debian 12 does not/);
  assert.match(result.message, new RegExp(`https://api\\.adoptium\\.net/v3/binary/latest/25/ga/linux/${ADOPTIUM_ARCH}/jdk/hotspot/normal/eclipse`));
  assert.match(result.message, /NAPI_JAVA_HOME/);
  assert.match(result.message, /NAPI_JAVA_JDK_DIRS/);
});

test('runtime: when only an old JDK is found, the error names it once however many links lead to it', { skip: NO_OLD }, () => {
  const dirs = mkdtempSync(path.join(os.tmpdir(), 'jdk-links-'));
  symlinkSync(OLD_JDK, path.join(dirs, 'old-jdk'));
  symlinkSync(OLD_JDK, path.join(dirs, 'old-jdk-link'));
  const result = loadInChild({ cleanEnv: true, env: { NAPI_JAVA_JDK_DIRS: dirs, JAVA_HOME: OLD_JDK } });
  assert.equal(result.code, 'ERR_NAPI_JAVA_OLD_JDK');
  assert.match(result.message, new RegExp(`no JDK 25 or newer: found only JDK ${OLD_VERSION} at `));
  assert.equal(result.message.match(new RegExp(`JDK ${OLD_VERSION} at`, 'g')).length, 1, result.message);
  assert.equal(result.message.match(/Temurin 25/g).length, 1, 'the hint names the JDK to install once');
});

test('runtime: NAPI_JAVA_HOME pointing at an old JDK is refused with the variable named', { skip: NO_OLD }, () => {
  const result = loadInChild({ env: { NAPI_JAVA_HOME: OLD_JDK } });
  assert.equal(result.code, 'ERR_NAPI_JAVA_OLD_JDK');
  assert.match(result.message, new RegExp(`NAPI_JAVA_HOME ${OLD_JDK} is JDK ${OLD_VERSION}`));
});

// A JDK of another architecture than this Node's (an x86-64 JDK under an arm64 Node, or the
// reverse) cannot load into the process: its release file's OS_ARCH says so before dlopen would
// fail with "cannot open shared object file". Fake JDKs of the other architecture test it here.
const OTHER_ARCH = process.arch === 'arm64' ? { osArch: 'x86_64', node: 'x64' } : { osArch: 'aarch64', node: 'arm64' };

/** A folder that looks like a JDK of `version` for the other architecture (release file and an empty libjvm.so). */
function otherArchJdk(version, parent = os.tmpdir()) {
  const home = mkdtempSync(path.join(parent, `jdk-${version}-${OTHER_ARCH.osArch}-`));
  writeFileSync(path.join(home, 'release'), `JAVA_VERSION="${version}.0.1"\nOS_NAME="Linux"\nOS_ARCH="${OTHER_ARCH.osArch}"\n`);
  mkdirSync(path.join(home, 'lib', 'server'), { recursive: true });
  writeFileSync(path.join(home, 'lib', 'server', 'libjvm.so'), '');
  return home;
}

test(`runtime platform arm64: a JDK for ${OTHER_ARCH.osArch} found alone is skipped and named in the error`, () => {
  const dirs = mkdtempSync(path.join(os.tmpdir(), 'other-arch-jdks-'));
  const other = otherArchJdk(25, dirs);
  const result = loadInChild({ cleanEnv: true, env: { NAPI_JAVA_JDK_DIRS: dirs } });
  assert.equal(result.ok, false);
  assert.equal(result.code, 'ERR_NAPI_JAVA_WRONG_ARCH', result.message);
  assert.match(result.message, new RegExp(`no JDK 25 or newer: found only JDK 25 for ${OTHER_ARCH.node} at ${other} \\(this Node runs on ${process.arch}\\)`));
  assert.match(result.message, new RegExp(`/linux/${ADOPTIUM_ARCH}/jdk/`), 'the hint names a JDK of this architecture');
});

test(`runtime platform arm64: a newer JDK for ${OTHER_ARCH.osArch} is passed over for a JDK 25 of this architecture`, () => {
  const dirs = mkdtempSync(path.join(os.tmpdir(), 'mixed-arch-jdks-'));
  otherArchJdk(26, dirs);
  symlinkSync(realpathSync(napiJava.findJavaHome()), path.join(dirs, 'this-arch-jdk'));
  const result = loadInChild({ cleanEnv: true, env: { NAPI_JAVA_JDK_DIRS: dirs } });
  assert.equal(result.ok, true, result.message);
});

test(`runtime platform arm64: javaHome or NAPI_JAVA_HOME naming a JDK for ${OTHER_ARCH.osArch} is a clear error`, () => {
  const other = otherArchJdk(25);
  const byOption = loadInChild({ options: { javaHome: other } });
  assert.equal(byOption.code, 'ERR_NAPI_JAVA_WRONG_ARCH', byOption.message);
  assert.match(byOption.message, new RegExp(`javaHome option ${other} is a JDK for ${OTHER_ARCH.node} \\(OS_ARCH in its release file\\), ` +
    `but this Node runs on ${process.arch}: the JVM loads into the Node process, so it must be a JDK for ${process.arch}\\.`));
  const byVariable = loadInChild({ env: { NAPI_JAVA_HOME: other } });
  assert.equal(byVariable.code, 'ERR_NAPI_JAVA_WRONG_ARCH', byVariable.message);
  assert.match(byVariable.message, new RegExp(`NAPI_JAVA_HOME ${other} is a JDK for ${OTHER_ARCH.node} `));
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
