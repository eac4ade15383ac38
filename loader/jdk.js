'use strict';
// What napi-java needs from a JDK, and what to tell someone who lacks one. Shared by index.js
// (which picks the JDK) and aot.js (which keys the start-up cache by it).
const fs = require('node:fs');
const path = require('node:path');

/** The runtime's class files are release 25 (class file version 69): older JDKs cannot load them. */
const MIN_JDK = 25;
const RUNTIME_DIR = path.join(__dirname, 'runtime');

/** The major version in `<home>/release`, or undefined when `home` is no JDK. */
function jdkVersion(home) {
  try {
    const release = fs.readFileSync(path.join(home, 'release'), 'utf8');
    const match = /^JAVA_VERSION="(\d+)/m.exec(release);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** The modules of the Java runtime at `home` (its `release` file's MODULES), or undefined when it does not list them. */
function imageModules(home) {
  let release;
  try {
    release = fs.readFileSync(path.join(home, 'release'), 'utf8');
  } catch {
    return undefined;
  }
  const match = /^MODULES="([^"]*)"/m.exec(release);
  return match ? match[1].split(/\s+/).filter(Boolean) : undefined;
}

/**
 * The modules that napi-java's runtime jars require and the Java runtime at `home` lacks (a JVM
 * without them would end the process as it starts): [] when its release file lists none, and at
 * once when it has java.se, which requires every module the runtime jars require (a test keeps
 * that true); else the jars' descriptors are read (modules.js, loaded only then).
 */
function missingModules(home, dir = RUNTIME_DIR) {
  const has = imageModules(home);
  if (!has || has.includes('java.se')) return [];
  return require('./modules.js').requiredModules(dir).filter((m) => !has.includes(m));
}

/** `<home>/lib/server/libjvm.so` when it exists. */
function libjvm(home) {
  const file = path.join(home, 'lib', 'server', 'libjvm.so');
  return fs.existsSync(file) ? file : undefined;
}

/**
 * What to do without a suitable JDK, in commands that work on Debian 12 (which packages no JDK 25:
 * `apt-cache policy openjdk-25-jdk` finds nothing there) and on any other Linux.
 */
function installHint() {
  const arch = { x64: 'x64', arm64: 'aarch64' }[process.arch] || process.arch;
  const url = `https://api.adoptium.net/v3/binary/latest/${MIN_JDK}/ga/linux/${arch}/jdk/hotspot/normal/eclipse`;
  return `Install a JDK ${MIN_JDK} or newer: 'apt-get install openjdk-${MIN_JDK}-jdk' where your distribution packages it ` +
    `(Debian 12 does not), else Temurin ${MIN_JDK}: mkdir -p ~/.jdks && curl -L ${url} | tar xz -C ~/.jdks ` +
    '(napi-java looks there by itself); or name a JDK with load(jar, { javaHome }) or NAPI_JAVA_HOME, ' +
    'or the folders holding JDKs with NAPI_JAVA_JDK_DIRS; or install no JDK but the Java runtime package ' +
    `napi-java-runtime-${process.platform}-${process.arch}${process.platform === 'linux' ? '-gnu' : ''} beside napi-java ` +
    "(made by napi-java's loader/jlink/build.sh; load() uses it by itself).";
}

module.exports = { MIN_JDK, RUNTIME_DIR, imageModules, installHint, jdkVersion, libjvm, missingModules };
