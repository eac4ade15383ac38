// The no-JDK runtime end to end: loader/jlink/build.sh links napi-java-runtime-<triple> from a
// JDK 25+ -> `npx napi-java new` makes a project, which builds and packs -> the addon's tarball,
// napi-java's and the runtime package's install into an empty folder -> the addon runs inside a
// mount namespace where no JDK is reachable at all (the JDK folders and HOME covered by empty
// tmpfs mounts, no java on PATH, no JAVA_HOME; checked first), and beside an installed JDK too.
// A runtime package that lacks a module napi-java requires gives a JS error instead of ending
// the process. Needs `mvn install` of this repository first (the template's build resolves
// napi-java's artifacts from the local Maven repository: -Dmaven.repo.local in MAVEN_OPTS is
// honoured) and root, or user namespaces, for `unshare --mount`. The runtime is linked from the
// JDK that the loader finds, or NAPI_JAVA_JLINK_JDK. Run by .ci/run:
//   node --test loader/test/jlink.test.mjs
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const LOADER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NAPI_JAVA = JSON.parse(readFileSync(path.join(LOADER, 'package.json'), 'utf8'));
const { requiredModules } = require(path.join(LOADER, 'modules.js'));
const TRIPLE = `${process.platform}-${process.arch}${process.platform === 'linux' ? '-gnu' : ''}`;
const RUNTIME_PACKAGE = `napi-java-runtime-${TRIPLE}`;
const WORK = mkdtempSync(path.join(os.tmpdir(), 'napi-java-jlink-'));
const PROJECT = path.join(WORK, 'my-addon');
const USER = path.join(WORK, 'user');
const CACHE = path.join(WORK, 'cache'); // the AOT caches of this test's installs, removed with WORK
const HOME = os.homedir();
const M2 = (/-Dmaven\.repo\.local=(\S+)/.exec(process.env.MAVEN_OPTS || '') || [])[1] || path.join(HOME, '.m2', 'repository');
// Where JDKs are installed: the loader's own search folders and what package managers use. The
// namespace covers each that exists; HOME goes whole (~/.jdks, ~/.sdkman, caches holding JDKs).
const JDK_FOLDERS = ['/usr/lib/jvm', '/usr/java', '/opt/java', '/usr/local/java', '/opt/jdk', HOME];
const SYSTEM_ROOTS = ['/usr', '/opt', '/etc', '/var', '/home', '/srv', '/bin', '/sbin', '/lib', '/lib64', HOME];

/** Runs a command; fails the test with its output when it fails. */
function run(command, args, { cwd = WORK, env = { ...process.env, NAPI_JAVA_CACHE_DIR: CACHE }, status = 0 } = {}) {
  const { NODE_TEST_CONTEXT, ...clean } = env; // else a nested node --test reports to this one
  const result = spawnSync(command, args, { cwd, env: clean, encoding: 'utf8', timeout: 10 * 60_000 });
  assert.equal(result.status, status, `${command} ${args.join(' ')} in ${cwd} (${result.error || `exit ${result.status}`}):\n${result.stdout}\n${result.stderr}`);
  return result;
}

let nodeBin;
/** A folder holding only node, npm and npx. */
function nodeOnlyPath() {
  if (nodeBin) return nodeBin;
  nodeBin = path.join(WORK, 'node-only-bin');
  mkdirSync(nodeBin, { recursive: true });
  const from = path.dirname(process.execPath);
  for (const tool of ['node', 'npm', 'npx']) symlinkSync(realpathSync(path.join(from, tool)), path.join(nodeBin, tool));
  return nodeBin;
}

/**
 * Runs `node <args>` in `cwd` inside a new mount namespace in which an empty tmpfs covers every
 * JDK folder, with only node on PATH and no JAVA_HOME. Outside root it maps the user to root in
 * a user namespace of its own, which may mount too.
 */
function runWithoutJdk(args, { cwd = USER, status = 0, env: extra = {} } = {}) {
  const [unshare, mount] = ['unshare', 'mount'].map((tool) => run('/bin/sh', ['-c', `command -v ${tool}`]).stdout.trim());
  const hide = JDK_FOLDERS.filter((dir) => existsSync(dir)).map((dir) => `${mount} -t tmpfs -o size=1m none '${dir}'`).join(' && ');
  const namespace = process.getuid() === 0 ? ['--mount', '--propagation', 'private'] : ['--user', '--map-root-user', '--mount'];
  const env = { PATH: nodeOnlyPath(), HOME, NAPI_JAVA_CACHE_DIR: CACHE, NAPI_JAVA_AOT_CACHE: 'off', ...extra };
  return run(unshare, [...namespace, '/bin/sh', '-c', `${hide} && exec "$@"`, 'sh', process.execPath, ...args], { cwd, env, status });
}

let napiJavaTarball;
let launcherTarball; // the launcher's own package, where this checkout builds one (loader/npm/<triple>)
let runtimeTarball;
let addonTarball;

test('jlink: loader/jlink/build.sh links the runtime package from a JDK 25 with the modules the runtime jars require', (t) => {
  const jdk = process.env.NAPI_JAVA_JLINK_JDK || run(process.execPath, ['-p', `require(${JSON.stringify(LOADER)}).findJavaHome()`]).stdout.trim();
  const built = run('bash', [path.join(LOADER, 'jlink', 'build.sh'), jdk]);
  runtimeTarball = built.stdout.trim().split('\n').pop();
  assert.ok(existsSync(runtimeTarball), built.stderr);
  assert.equal(path.basename(runtimeTarball), `${RUNTIME_PACKAGE}-${NAPI_JAVA.version}.tgz`);
  const staged = path.join(LOADER, 'target', RUNTIME_PACKAGE);
  const manifest = JSON.parse(readFileSync(path.join(staged, 'package.json'), 'utf8'));
  assert.equal(manifest.name, RUNTIME_PACKAGE);
  assert.equal(manifest.version, NAPI_JAVA.version);
  assert.deepEqual([manifest.os, manifest.cpu, manifest.libc], [[process.platform], [process.arch], ['glibc']]);
  const release = readFileSync(path.join(staged, 'jdk', 'release'), 'utf8');
  const modules = /^MODULES="([^"]*)"/m.exec(release)[1].split(' ');
  assert.match(release, /^JAVA_VERSION="2[5-9]|^JAVA_VERSION="[3-9]\d/m);
  assert.match(release, /^OS_ARCH="(x86_64|amd64|aarch64)"/m, 'the platform stays in the release file');
  // What the runtime jars require, by their descriptors and by jdeps (which also reads the code).
  const jdeps = run(path.join(jdk, 'bin', 'jdeps'), ['--print-module-deps', '--ignore-missing-deps', '--module-path', path.join(LOADER, 'runtime'),
    path.join(LOADER, 'runtime', 'addon-api.jar'), path.join(LOADER, 'runtime', 'napi-bindings.jar')]).stdout.trim().split(',');
  for (const module of [...requiredModules(), ...jdeps, 'jdk.unsupported', 'java.net.http']) {
    assert.ok(modules.includes(module), `${module} in the image (${modules.join(' ')})`);
  }
  assert.ok(requiredModules().includes('java.management'), 'the descriptors are read: addon-api requires java.management');
  const [packed] = JSON.parse(run('npm', ['pack', '--dry-run', '--json'], { cwd: staged }).stdout);
  t.diagnostic(`${RUNTIME_PACKAGE}: ${(packed.size / 1e6).toFixed(1)} MB packed, ${(packed.unpackedSize / 1e6).toFixed(1)} MB unpacked, ` +
    `${packed.entryCount} files; modules ${modules.join(' ')}`);
});

test('jlink: a project from the template builds and packs', () => {
  assert.ok(existsSync(path.join(M2, 'dev', 'napijava', 'napi-java-bom', NAPI_JAVA.napiJava.mavenVersion)),
    `no napi-java artifacts in ${M2}: install them first (mvn -B install -DskipTests in the repository)`);
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', WORK], { cwd: LOADER }).stdout);
  napiJavaTarball = path.join(WORK, packed.filename);
  const launcher = path.join(LOADER, 'npm', TRIPLE);
  if (existsSync(path.join(launcher, 'package.json'))) {
    launcherTarball = path.join(WORK, JSON.parse(run('npm', ['pack', '--json', '--pack-destination', WORK], { cwd: launcher }).stdout)[0].filename);
  }
  run('npx', ['--yes', `--package=${napiJavaTarball}`, 'napi-java', 'new', 'my-addon', '--napi-java', `file:${napiJavaTarball}`]);
  run('npm', ['install', '--no-audit', '--no-fund', ...(launcherTarball ? [launcherTarball] : [])], { cwd: PROJECT });
  run('npm', ['run', 'build'], { cwd: PROJECT });
  run('npm', ['run', 'package'], { cwd: PROJECT });
  addonTarball = path.join(PROJECT, 'my-addon-1.0.0.tgz');
  assert.ok(existsSync(addonTarball));
  mkdirSync(USER);
  writeFileSync(path.join(USER, 'package.json'), '{ "name": "user", "private": true }\n');
  const tarballs = [napiJavaTarball, launcherTarball, runtimeTarball, addonTarball].filter(Boolean);
  run('npm', ['install', '--no-audit', '--no-fund', ...tarballs], { cwd: USER });
  assert.ok(existsSync(path.join(USER, 'node_modules', RUNTIME_PACKAGE, 'jdk', 'bin', 'java')));
});

// Calls the addon and prints what it returned and which Java runtime the loader chose.
const CALL = `const addon = require('my-addon');
  console.log(JSON.stringify({ hello: addon.hello('Ada'), sum: addon.add(1, 2), home: require('napi-java').findJavaHome() }));`;

test('jlink: no JDK is reachable inside the mount namespace', () => {
  // Without the runtime package, the loader's own search finds nothing.
  const bare = path.join(WORK, 'bare');
  mkdirSync(bare);
  writeFileSync(path.join(bare, 'package.json'), '{ "name": "bare", "private": true }\n');
  run('npm', ['install', '--no-audit', '--no-fund', napiJavaTarball, ...(launcherTarball ? [launcherTarball] : [])], { cwd: bare });
  const probe = `let found = 'none';
    try { found = require('napi-java').findJavaHome(); } catch (e) { found = e.code + ': ' + e.message; }
    const { spawnSync } = require('node:child_process');
    const java = ['java', 'javac', '/usr/bin/java'].map((c) => spawnSync(c, ['-version']).error ? 'none' : c);
    const find = spawnSync(${JSON.stringify(run('/bin/sh', ['-c', 'command -v find']).stdout.trim())}, [...${JSON.stringify(SYSTEM_ROOTS)}.filter((d) => require('node:fs').existsSync(d)), '(', '-name', 'libjvm.so', '-o', '-name', 'libjvm.dylib', ')', '-print'], { encoding: 'utf8' });
    if (find.status !== 0) throw new Error('find failed: ' + (find.error || find.stderr));
    console.log(JSON.stringify({ found, java, libjvm: find.stdout.split('\\n').filter(Boolean), javaHome: process.env.JAVA_HOME || null }));`;
  const seen = JSON.parse(runWithoutJdk(['-e', probe], { cwd: bare }).stdout);
  assert.match(seen.found, /^ERR_NAPI_JAVA_NO_JDK: napi-java: no JDK 25 or newer: found no JDK/, 'the loader finds no JDK');
  assert.match(seen.found, new RegExp(`install no JDK but the Java runtime package ${RUNTIME_PACKAGE}`), 'the message names the runtime package');
  assert.deepEqual(seen.java, ['none', 'none', 'none'], 'no java or javac runs');
  assert.deepEqual(seen.libjvm, [], `no JVM library under ${SYSTEM_ROOTS.join(' ')}`);
  assert.equal(seen.javaHome, null);
  // Outside the namespace the same probe sees this machine's JDK: the namespace is what hides it.
  const outside = run(process.execPath, ['-p', "require('napi-java').findJavaHome()"], { cwd: bare }).stdout.trim();
  assert.ok(existsSync(path.join(outside, 'bin', 'java')), outside);
});

test('jlink: the addon runs from the runtime package with no JDK reachable, with and without the start-up cache', () => {
  const image = path.join(realpathSync(USER), 'node_modules', RUNTIME_PACKAGE, 'jdk');
  for (const cache of [false, true]) {
    if (cache) {
      // The runtime package makes its own start-up cache (in the foreground here: no maker outlives the test).
      const made = runWithoutJdk([path.join(USER, 'node_modules', 'napi-java', 'bin', 'napi-java.js'), 'aot']).stderr;
      assert.match(made, new RegExp(`wrote (\\S+\\.aot) for ${image.replaceAll('.', '\\.')}`));
      assert.ok(existsSync(/wrote (\S+\.aot)/.exec(made)[1]));
    }
    const result = JSON.parse(runWithoutJdk(['-e', CALL], { env: { NAPI_JAVA_AOT_CACHE: cache ? 'on' : 'off' } }).stdout);
    assert.match(result.hello, /^Hello, Ada, from Java \d+/);
    assert.equal(result.sum, 3);
    assert.equal(result.home, image);
  }
});

test('jlink: with a JDK installed as well, the runtime package is used and works', () => {
  const jdk = run(process.execPath, ['-p', `require(${JSON.stringify(LOADER)}).findJavaHome()`]).stdout.trim();
  assert.ok(existsSync(path.join(jdk, 'bin', 'javac')), `a JDK outside the namespace: ${jdk}`);
  const result = JSON.parse(run(process.execPath, ['-e', CALL], { cwd: USER, env: { ...process.env, JAVA_HOME: jdk, NAPI_JAVA_CACHE_DIR: CACHE } }).stdout);
  assert.equal(result.sum, 3);
  assert.equal(result.home, path.join(realpathSync(USER), 'node_modules', RUNTIME_PACKAGE, 'jdk'));
});

test('jlink: a runtime package without a module that napi-java requires gives a catchable error, not an exit', () => {
  const broken = path.join(WORK, 'broken');
  cpSync(USER, broken, { recursive: true });
  const image = path.join(broken, 'node_modules', RUNTIME_PACKAGE, 'jdk');
  rmSync(image, { recursive: true });
  const jdk = run(process.execPath, ['-p', `require(${JSON.stringify(LOADER)}).findJavaHome()`]).stdout.trim();
  run(path.join(jdk, 'bin', 'jlink'), ['--add-modules', 'java.base', '--output', image, '--no-man-pages', '--no-header-files']);
  // What the loader prevents: this JVM cannot make its boot layer and exits the process.
  const direct = run(path.join(image, 'bin', 'java'), ['--module-path', path.join(broken, 'node_modules', 'napi-java', 'runtime'),
    '--add-modules', 'dev.napijava,dev.napijava.bindings', '-version'], { status: 1 });
  assert.match(direct.stdout + direct.stderr, /Error occurred during initialization of boot layer[\s\S]*java\.management/);
  const script = `try { require('my-addon'); console.log('loaded'); } catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })); }
    console.log('still running');`;
  const output = runWithoutJdk(['-e', script], { cwd: broken }).stdout;
  const [line, after] = output.trim().split('\n');
  const error = JSON.parse(line);
  assert.equal(error.code, 'ERR_NAPI_JAVA_RUNTIME_MODULES');
  assert.match(error.message, new RegExp(`${RUNTIME_PACKAGE} at .* lacks the Java modules? [^(]*java\\.management[^(]* that napi-java's runtime requires`));
  assert.match(error.message, /it has java\.base\)/);
  assert.equal(after, 'still running');
});

test.after(() => rmSync(WORK, { recursive: true, force: true }));
