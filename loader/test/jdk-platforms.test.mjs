// The JDK discovery of jdk.js for each platform, run on any platform: fake JDK homes shaped as
// Linux, macOS and Windows lay them out (release file, the JVM library where that platform keeps
// it), found through each platform's usual folders, JAVA_HOME and PATH, with the platform, the
// environment and the home folder passed in.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';

const require = createRequire(import.meta.url);
const jdk = require('../jdk.js');
// Links resolved (macOS's tmpdir is one), as javaOnPath resolves them.
const WORK = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'napi-java-jdk-platforms-')));
after(() => rmSync(WORK, { recursive: true, force: true }));

/** A fake JDK home for `platform` at `home`: a release file and an empty JVM library where that platform keeps it. */
function fakeJdk(home, platform, version) {
  const lib = path.join(home, ...jdk.PLATFORMS[platform].libjvm);
  mkdirSync(path.dirname(lib), { recursive: true });
  writeFileSync(lib, '');
  writeFileSync(path.join(home, 'release'), `JAVA_VERSION="${version}.0.1"\nOS_ARCH="x86_64"\n`);
  mkdirSync(path.join(home, 'bin'), { recursive: true });
  writeFileSync(path.join(home, 'bin', jdk.PLATFORMS[platform].java), '');
  return home;
}

/**
 * What index.js keeps of the candidates: those with a release file and the JVM library, with
 * their versions; only this test's fakes (a machine's own JDKs in the system folders do not count).
 */
function found(options) {
  return jdk.candidateHomes(options)
    .filter((home) => home.startsWith(WORK + path.sep))
    .filter((home) => jdk.jdkVersion(home) !== undefined && jdk.libjvm(home, options.platform))
    .map((home) => [home, jdk.jdkVersion(home)]);
}

test('platform darwin: JDK bundles in ~/Library/Java/JavaVirtualMachines are found by their Contents/Home', () => {
  const user = path.join(WORK, 'mac-user');
  const bundles = path.join(user, 'Library', 'Java', 'JavaVirtualMachines');
  const home = fakeJdk(path.join(bundles, 'temurin-25.jdk', 'Contents', 'Home'), 'darwin', 25);
  const older = fakeJdk(path.join(bundles, 'zulu-21.jdk', 'Contents', 'Home'), 'darwin', 21);
  const options = { platform: 'darwin', env: {}, homedir: user };
  assert.ok(jdk.searchFolders(options).includes('/Library/Java/JavaVirtualMachines'));
  assert.deepEqual(found(options), [[home, 25], [older, 21]]);
  assert.equal(jdk.libjvm(home, 'darwin'), path.join(home, 'lib', 'server', 'libjvm.dylib'));
  assert.equal(jdk.libjvm(home, 'linux'), undefined, 'a macOS JDK has no libjvm.so');
  assert.equal(jdk.libjvm(home, 'win32'), undefined, 'a macOS JDK has no jvm.dll');
});

test('platform darwin: a Homebrew openjdk keeps its home in libexec/openjdk.jdk/Contents/Home', () => {
  const user = path.join(WORK, 'brew-user');
  const brew = path.join(user, '.jdks'); // a searched folder whose entries are laid out as Homebrew's opt/<formula>
  const home = fakeJdk(path.join(brew, 'openjdk', 'libexec', 'openjdk.jdk', 'Contents', 'Home'), 'darwin', 25);
  assert.deepEqual(found({ platform: 'darwin', env: {}, homedir: user }), [[home, 25]]);
});

test('platform win32: JDKs under Program Files (Eclipse Adoptium, Microsoft, Zulu) are found, a Linux-shaped one is not', () => {
  const programFiles = path.join(WORK, 'Program Files');
  const temurin = fakeJdk(path.join(programFiles, 'Eclipse Adoptium', 'jdk-25.0.1.8-hotspot'), 'win32', 25);
  const microsoft = fakeJdk(path.join(programFiles, 'Microsoft', 'jdk-21.0.5.11-hotspot'), 'win32', 21);
  const zulu = fakeJdk(path.join(programFiles, 'Zulu', 'zulu-26'), 'win32', 26);
  fakeJdk(path.join(programFiles, 'Java', 'linux-shaped-25'), 'linux', 25);
  const options = { platform: 'win32', env: { ProgramFiles: programFiles }, homedir: path.join(WORK, 'win-user') };
  assert.deepEqual(found(options), [[temurin, 25], [microsoft, 21], [zulu, 26]]);
  assert.equal(jdk.libjvm(temurin, 'win32'), path.join(temurin, 'bin', 'server', 'jvm.dll'));
  assert.equal(jdk.javaExecutable(temurin, 'win32'), path.join(temurin, 'bin', 'java.exe'));
  assert.equal(jdk.libjvm(temurin, 'linux'), undefined);
});

test('platform win32: JAVA_HOME comes first, then the JDK of java.exe on a ;-separated PATH', () => {
  const javaHome = fakeJdk(path.join(WORK, 'win-java-home'), 'win32', 25);
  const onPath = fakeJdk(path.join(WORK, 'win-on-path'), 'win32', 27);
  const env = { JAVA_HOME: javaHome, PATH: [path.join(WORK, 'nothing-here'), path.join(onPath, 'bin')].join(';'), ProgramFiles: path.join(WORK, 'none') };
  const candidates = jdk.candidateHomes({ platform: 'win32', env, homedir: path.join(WORK, 'win-user') });
  assert.deepEqual(candidates.slice(0, 2), [javaHome, onPath]);
  // java (no .exe) is what Linux and macOS look for: the Windows-shaped PATH holds none.
  assert.equal(jdk.javaOnPath({ platform: 'linux', env: { PATH: path.join(onPath, 'bin') } }), undefined);
});

test('platform linux: the usual folders, and JDKs in ~/.jdks', () => {
  const user = path.join(WORK, 'linux-user');
  const home = fakeJdk(path.join(user, '.jdks', 'jdk-25'), 'linux', 25);
  const options = { platform: 'linux', env: {}, homedir: user };
  assert.deepEqual(jdk.searchFolders(options).slice(0, 3), ['/usr/lib/jvm', '/usr/java', '/opt/java']);
  assert.deepEqual(found(options), [[home, 25]]);
  assert.equal(jdk.libjvm(home, 'linux'), path.join(home, 'lib', 'server', 'libjvm.so'));
  assert.equal(jdk.libjvm(home, 'darwin'), undefined);
});

// A ':'-separated PATH cannot hold a Windows path (C:\...), so this one runs where PATH is ':'-separated.
test('platform linux: the JDK of a java on PATH through a link (/usr/bin/java -> alternatives -> JDK)',
  { skip: process.platform === 'win32' && 'a Linux-shaped PATH cannot name Windows folders' }, () => {
    const home = fakeJdk(path.join(WORK, 'linux-on-path'), 'linux', 25);
    const bin = path.join(WORK, 'linux-bin');
    mkdirSync(bin, { recursive: true });
    symlinkSync(path.join(home, 'bin', 'java'), path.join(bin, 'java'));
    const options = { platform: 'linux', env: { PATH: [path.join(WORK, 'nothing-here'), bin].join(':') }, homedir: WORK };
    assert.equal(jdk.javaOnPath(options), home);
    assert.equal(jdk.candidateHomes(options)[0], home);
  });

test('platform: NAPI_JAVA_JDK_DIRS replaces every platform\'s usual folders', () => {
  const dirs = [path.join(WORK, 'a'), path.join(WORK, 'b')];
  for (const platform of ['linux', 'darwin', 'win32']) {
    assert.deepEqual(jdk.searchFolders({ platform, env: { NAPI_JAVA_JDK_DIRS: dirs.join(path.delimiter) }, homedir: WORK }), dirs);
  }
});

test('platform: the install hint names each platform\'s way to get a JDK and the matching download', () => {
  assert.match(jdk.installHint('linux', 'x64'), /apt-get install openjdk-25-jdk.*\/ga\/linux\/x64\//);
  assert.match(jdk.installHint('darwin', 'arm64'), /brew install --cask temurin@25.*\/ga\/mac\/aarch64\//);
  assert.match(jdk.installHint('win32', 'x64'), /winget install EclipseAdoptium\.Temurin\.25\.JDK.*\/ga\/windows\/x64\//);
});
