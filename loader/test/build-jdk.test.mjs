// The build's own JDK check (.mvn/check-jdk.bsh, run by maven-enforcer-plugin in every module
// before select-jdk-toolchain): with only an older JDK reachable (every JDK 25+ covered by an
// empty tmpfs in a mount namespace) Maven stops with napi-java's message, naming what it found
// and what to install, not the toolchains plugin's "Cannot find matching toolchain definitions".
// Needs an older JDK (17) for Maven itself, root or user namespaces, and Maven's plugins in the
// local repository (-Dmaven.repo.local in MAVEN_OPTS is honoured).
//   node --test loader/test/build-jdk.test.mjs
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const HOME = os.homedir();
const FOLDERS = [path.join(HOME, '.jdks'), path.join(HOME, '.m2', 'jdks'), path.join(HOME, '.sdkman', 'candidates', 'java'),
  path.join(HOME, '.gradle', 'jdks'), '/usr/jdk', '/usr/java', '/opt/java', '/usr/lib/jvm'];

function version(home) {
  try {
    const match = /^JAVA_VERSION="(\d+)/m.exec(readFileSync(path.join(home, 'release'), 'utf8'));
    return match && existsSync(path.join(home, 'bin', 'javac')) ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

const jdks = FOLDERS.flatMap((folder) => {
  try {
    return readdirSync(folder).map((name) => path.join(folder, name));
  } catch {
    return [];
  }
}).filter((home) => version(home) > 0);
const old = jdks.find((home) => version(home) < 25);
const recent = [...new Set(jdks.filter((home) => version(home) >= 25).map((home) => realpathSync(home)))];

/** `mvn <args>` in the repository, on the old JDK, with every JDK 25+ covered when `hide`. */
function mvn(args, hide) {
  const tool = (name) => spawnSync('/bin/sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  const covers = hide ? recent.map((home) => `${tool('mount')} -t tmpfs -o size=1m none '${home}'`) : [];
  const namespace = process.getuid() === 0 ? ['--mount', '--propagation', 'private'] : ['--user', '--map-root-user', '--mount'];
  const { NODE_TEST_CONTEXT, JAVA_HOME, JDK_HOME, ...env } = process.env;
  return spawnSync(tool('unshare'), [...namespace, '/bin/sh', '-c', [...covers, 'exec "$@"'].join(' && '), 'sh', tool('mvn'), '-B', ...args],
    { cwd: REPO, env: { ...env, JAVA_HOME: old }, encoding: 'utf8', timeout: 5 * 60_000 });
}

test('build: with only an older JDK, Maven stops with napi-java\'s message', { skip: !old && 'no JDK older than 25 to run Maven on' }, () => {
  assert.ok(recent.length, 'a JDK 25+ to hide');
  for (const args of [['-q', '-N', 'validate'], ['-q', '-pl', 'addon-api', 'validate']]) {
    const result = mvn(args, true);
    const output = result.stdout + result.stderr;
    assert.notEqual(result.status, 0, output);
    assert.match(output, /napi-java needs a JDK 25 or newer to build \(its class files are release 25\)/, args.join(' '));
    assert.match(output, new RegExp(`It found only:\\s+JDK ${version(old)} at `));
    assert.doesNotMatch(output, new RegExp(`JDK \\d+ at (${recent.join('|')})\\b`), 'the hidden JDKs are not found');
    assert.match(output, /It looked at JAVA_HOME, .*\/usr\/lib\/jvm/);
    assert.match(output, /Install one: 'apt-get install openjdk-25-jdk'.*\n.*\n.*tar xz -C ~\/\.jdks/);
    assert.match(output, /napi-java found no JDK 25 or newer to build with/);
    assert.doesNotMatch(output, /Cannot find matching toolchain definitions/, 'it stops before select-jdk-toolchain');
  }
});

test('build: with a JDK 25+ reachable, the check passes', { skip: !old && 'no JDK older than 25 to run Maven on' }, () => {
  const result = mvn(['-q', '-N', 'validate'], false);
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.doesNotMatch(result.stdout + result.stderr, /napi-java needs a JDK/);
});
