// The platform of the running process (loader/platform.js) and the launcher the loader picks for
// it: the installed npm package napi-java-<triple> first, then the development checkout's
// loader/npm/<triple>/, else an error that names the platform, the platforms that exist and how
// to build one. Installed layouts are made in temporary folders with a copy of platform.js as
// node_modules/napi-java/platform.js, which resolves its packages as an installed napi-java does.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { LOADER, platform, runChild } from './support.mjs';

const LOADER_DIR = path.dirname(LOADER);
const HOST = platform.triple();

/** Runs `body` (JS, with `platform` bound to the platform.js at `platformJs`) in a child Node; returns its last line, parsed. */
function inChild(platformJs, body, { prelude = '' } = {}) {
  const child = runChild(`${prelude}
    const platform = (await import('node:module')).createRequire(import.meta.url)(${JSON.stringify(platformJs)});
    let result;
    try { result = await (async () => { ${body} })(); } catch (e) { result = { code: e.code, message: e.message }; }
    console.log(JSON.stringify(result));`);
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout.trim().split('\n').pop());
}

/** An installed-looking napi-java (only its platform.js) in a new folder; returns its paths. */
function installedNapiJava() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'napi-java-platform-'));
  const napiJava = path.join(root, 'node_modules', 'napi-java');
  mkdirSync(napiJava, { recursive: true });
  copyFileSync(path.join(LOADER_DIR, 'platform.js'), path.join(napiJava, 'platform.js'));
  return { root, napiJava, platformJs: path.join(napiJava, 'platform.js') };
}

/** Installs the package napi-java-<triple> into `root`, with `launcher` (a file to copy) as its napi_java.node. */
function installLauncherPackage(root, triple, launcher) {
  const dir = path.join(root, 'node_modules', `napi-java-${triple}`);
  mkdirSync(dir, { recursive: true });
  copyFileSync(path.join(LOADER_DIR, 'npm', triple, 'package.json'), path.join(dir, 'package.json'));
  if (launcher) copyFileSync(launcher, path.join(dir, 'napi_java.node'));
  return dir;
}

test('platform: the triple of this process is its os, arch and (on Linux) libc, as Node itself reports them', () => {
  // Node's own report is the slow, authoritative way (tens of milliseconds): the loader reads /proc/self/maps.
  const glibc = process.report.getReport().header.glibcVersionRuntime;
  const expected = process.platform === 'linux' ? `linux-${process.arch}-${glibc ? 'gnu' : 'musl'}` : `${process.platform}-${process.arch}`;
  assert.equal(HOST, expected);
  assert.ok(platform.TRIPLES.includes(HOST), `${HOST} is one of ${platform.TRIPLES}`);
  assert.equal(platform.triple('linux', 'arm64', 'glibc'), 'linux-arm64-gnu');
  assert.equal(platform.triple('linux', 'x64', 'musl'), 'linux-x64-musl');
  assert.equal(platform.triple('darwin', 'arm64'), 'darwin-arm64');
  assert.equal(platform.triple('win32', 'x64'), 'win32-x64');
  assert.deepEqual(platform.TRIPLES, ['linux-x64-gnu', 'linux-arm64-gnu', 'darwin-x64', 'darwin-arm64', 'win32-x64']);
});

test('platform: finding the libc reads no report of Node (the slow way) where /proc is mounted', { skip: process.platform !== 'linux' && 'Linux only' }, (t) => {
  const result = inChild(path.join(LOADER_DIR, 'platform.js'), `
    const start = process.hrtime.bigint();
    const triple = platform.triple();
    return { triple, micros: Number(process.hrtime.bigint() - start) / 1000 };`,
  { prelude: "Object.defineProperty(process, 'report', { get() { throw new Error('process.report read'); } });" });
  assert.equal(result.triple, HOST, result.message);
  t.diagnostic(`triple() took ${result.micros} us`);
});

test('platform: every triple has a package at napi-java\'s version with os, cpu and libc, and napi-java depends on it optionally', () => {
  const napiJava = JSON.parse(readFileSync(path.join(LOADER_DIR, 'package.json'), 'utf8'));
  assert.equal(napiJava.os, undefined, 'napi-java itself installs anywhere');
  assert.ok(!napiJava.files.some((f) => f.startsWith('npm') || f.includes('prebuilds')), `no launchers in napi-java: ${napiJava.files}`);
  for (const triple of platform.TRIPLES) {
    const manifest = JSON.parse(readFileSync(path.join(LOADER_DIR, 'npm', triple, 'package.json'), 'utf8'));
    const [os_, cpu, libc] = triple.split('-');
    assert.equal(manifest.name, platform.launcherPackage(triple));
    assert.equal(manifest.version, napiJava.version, triple);
    assert.deepEqual(manifest.os, [os_], triple);
    assert.deepEqual(manifest.cpu, [cpu], triple);
    assert.deepEqual(manifest.libc, libc === 'gnu' ? ['glibc'] : undefined, triple);
    assert.deepEqual(manifest.files, ['napi_java.node'], triple);
    assert.equal(napiJava.optionalDependencies[manifest.name], napiJava.version, triple);
  }
  assert.equal(Object.keys(napiJava.optionalDependencies).length, platform.TRIPLES.length);
});

test('platform: the loader takes the launcher of the installed napi-java-<triple> package before the checkout\'s', () => {
  const { root, platformJs } = installedNapiJava();
  const dir = installLauncherPackage(root, HOST, platform.repoLauncher(HOST));
  // The checkout's file exists too in this layout: the installed package still comes first.
  mkdirSync(path.join(root, 'node_modules', 'napi-java', 'npm', HOST), { recursive: true });
  writeFileSync(path.join(root, 'node_modules', 'napi-java', 'npm', HOST, 'napi_java.node'), 'not a launcher');
  const result = inChild(platformJs, `
    const file = platform.launcherPath();
    const launcher = (await import('node:module')).createRequire(import.meta.url)(file);
    return { file, exports: Object.keys(launcher).sort() };`);
  assert.equal(result.file, path.join(dir, 'napi_java.node'), result.message);
  assert.deepEqual(result.exports, ['bind', 'boot', 'state'], 'the real launcher loads from the package');
});

test('platform: an installed package without its launcher falls back to the checkout\'s file', () => {
  const { root, napiJava, platformJs } = installedNapiJava();
  installLauncherPackage(root, HOST, undefined);
  const repo = path.join(napiJava, 'npm', HOST, 'napi_java.node');
  mkdirSync(path.dirname(repo), { recursive: true });
  copyFileSync(platform.repoLauncher(HOST), repo);
  assert.equal(inChild(platformJs, 'return platform.launcherPath();'), repo);
});

test('platform: with no launcher for this platform the error names the platform, the package, the platforms that exist and how to build one', () => {
  const { napiJava, platformJs } = installedNapiJava();
  copyFileSync(path.join(LOADER_DIR, 'package.json'), path.join(napiJava, 'package.json'));
  const { version } = JSON.parse(readFileSync(path.join(LOADER_DIR, 'package.json'), 'utf8'));
  const result = inChild(platformJs, 'return platform.launcherPath();');
  assert.equal(result.code, 'ERR_NAPI_JAVA_NO_LAUNCHER');
  assert.match(result.message, new RegExp(`^napi-java: no launcher for ${HOST} \\(${process.platform} on ${process.arch}`));
  assert.match(result.message, new RegExp(`the npm package napi-java-${HOST}@${version}, an optional dependency of napi-java, is not installed\\. `));
  assert.match(result.message, /Reinstall without --omit=optional/);
  assert.match(result.message, new RegExp(`no launcher published for ${HOST}\\. A checkout of napi-java builds one with loader/build\\.sh <jdk-home> ${HOST}\\.`));
  assert.match(result.message, /Launchers exist for linux-x64-gnu, linux-arm64-gnu, darwin-x64, darwin-arm64, win32-x64\.$/);
});

test('platform: in a checkout without the launcher built, the error says which file to build and how', () => {
  const { napiJava, platformJs } = installedNapiJava();
  mkdirSync(path.join(napiJava, 'npm', HOST), { recursive: true });
  copyFileSync(path.join(LOADER_DIR, 'npm', HOST, 'package.json'), path.join(napiJava, 'npm', HOST, 'package.json'));
  const result = inChild(platformJs, 'return platform.launcherPath();');
  assert.equal(result.code, 'ERR_NAPI_JAVA_NO_LAUNCHER');
  const file = path.join(napiJava, 'npm', HOST, 'napi_java.node');
  assert.ok(result.message.includes(`This is a checkout of napi-java without ${file}: build it with loader/build.sh <jdk-home> ${HOST}`), result.message);
  assert.doesNotMatch(result.message, /Reinstall/);
});

test('platform: load() of a napi-java without a launcher fails with ERR_NAPI_JAVA_NO_LAUNCHER, not a crash', () => {
  const { napiJava } = installedNapiJava();
  for (const file of ['index.js', 'jdk.js', 'aot.js']) copyFileSync(path.join(LOADER_DIR, file), path.join(napiJava, file));
  const result = inChild(path.join(napiJava, 'index.js'), 'platform.load(process.env.NAPI_JAVA_TEST_JAR, { addon: "dev.napijava.tests.Functions" });');
  assert.equal(result.code, 'ERR_NAPI_JAVA_NO_LAUNCHER', result.message);
});

test('platform: musl and platforms without launchers are refused by name, never given another platform\'s launcher', () => {
  const musl = inChild(path.join(LOADER_DIR, 'platform.js'), "return platform.launcherPath({ platform: 'linux', arch: 'arm64', libc: 'musl' });");
  assert.equal(musl.code, 'ERR_NAPI_JAVA_NO_LAUNCHER');
  assert.match(musl.message, /^napi-java: musl is not supported: the platform is linux-arm64-musl \(linux on arm64 with musl/);
  assert.match(musl.message, /built for glibc; launchers exist for linux-x64-gnu, linux-arm64-gnu, darwin-x64, darwin-arm64, win32-x64\./);
  const other = inChild(path.join(LOADER_DIR, 'platform.js'), "return platform.launcherPath({ platform: 'freebsd', arch: 'x64' });");
  assert.equal(other.code, 'ERR_NAPI_JAVA_NO_LAUNCHER');
  assert.match(other.message, /^napi-java: no launcher for freebsd-x64 .*launchers exist for linux-x64-gnu, .*win32-x64 only\. .*loader\/build\.sh/);
});

test('platform arm64: the arm64 package resolves to its own launcher, never to this machine\'s', () => {
  const { root, platformJs } = installedNapiJava();
  const dir = installLauncherPackage(root, 'linux-arm64-gnu', platform.repoLauncher(HOST)); // any file: only the path is read
  const result = inChild(platformJs, "return platform.launcherPath({ platform: 'linux', arch: 'arm64', libc: 'glibc' });");
  assert.equal(result, path.join(dir, 'napi_java.node'));
});

const OTHER_LINUX = HOST === 'linux-x64-gnu' ? 'linux-arm64-gnu' : 'linux-x64-gnu';
test('platform: packing a launcher package refuses a launcher built for another platform, and a missing one',
  { skip: (!HOST.startsWith('linux-') || !existsSync(platform.repoLauncher(OTHER_LINUX))) && `${OTHER_LINUX} not built here` }, () => {
  // A copy of the loader's packing check with the launchers swapped: what a build that wrote
  // an aarch64 binary into linux-x64-gnu (or the reverse) would pack.
  const loader = mkdtempSync(path.join(os.tmpdir(), 'napi-java-pack-check-'));
  mkdirSync(path.join(loader, 'cli'));
  for (const file of ['package.json', 'platform.js', 'cli/check-built.js']) copyFileSync(path.join(LOADER_DIR, file), path.join(loader, file));
  const [x64, arm64] = ['linux-x64-gnu', 'linux-arm64-gnu'];
  const built = { [x64]: platform.repoLauncher(x64), [arm64]: platform.repoLauncher(arm64) };
  const check = (triple, launcher) => {
    const dir = path.join(loader, 'npm', triple);
    mkdirSync(dir, { recursive: true });
    copyFileSync(path.join(LOADER_DIR, 'npm', triple, 'package.json'), path.join(dir, 'package.json'));
    if (launcher) copyFileSync(launcher, path.join(dir, 'napi_java.node'));
    return spawnSync(process.execPath, [path.join(loader, 'cli', 'check-built.js')], { cwd: dir, encoding: 'utf8' });
  };
  const host = check(HOST, built[HOST]);
  assert.equal(host.status, 0, host.stderr);
  const other = OTHER_LINUX;
  const swapped = check(other, built[HOST]);
  assert.equal(swapped.status, 1);
  assert.match(swapped.stderr, new RegExp(`cannot pack napi-java-${other}: napi_java\\.node is built for ${HOST.split('-').slice(0, 2).join('-')}, not ${other.split('-').slice(0, 2).join('-')}`));
  const missing = check('win32-x64', undefined);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /cannot pack napi-java-win32-x64: napi_java\.node is not built: loader\/build\.sh <jdk-home> win32-x64/);
});
