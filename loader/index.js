'use strict';
// napi-java: load Java addons (jars) into Node. See index.d.ts for the API.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { threadId } = require('node:worker_threads');

const MIN_JDK = 22;
const DEFAULT_HEAP = '-Xmx512m';
const RUNTIME_DIR = path.join(__dirname, 'runtime');
const RUNTIME_MODULES = 'dev.napijava,dev.napijava.bindings';
const AOT_CACHE = path.join(RUNTIME_DIR, 'napi-java.aot');

let launcher; // this env's instance of the native launcher
let runtime; // this env's Java runtime entry: { load(jarPath, addonClass) }
const loaded = new Map(); // this env's addons, by jar and class

function loaderError(message, code) {
  const error = new Error(`napi-java: ${message}`);
  error.code = code;
  return error;
}

function jdkVersion(home) {
  try {
    const release = fs.readFileSync(path.join(home, 'release'), 'utf8');
    const match = /^JAVA_VERSION="(\d+)/m.exec(release);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

function libjvm(home) {
  const file = path.join(home, 'lib', 'server', 'libjvm.so');
  return fs.existsSync(file) ? file : undefined;
}

function listDirs(dir) {
  try {
    return fs.readdirSync(dir).map((name) => path.join(dir, name)).sort();
  } catch {
    return [];
  }
}

function javaOnPath() {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const java = path.join(dir, 'java');
    try {
      return path.dirname(path.dirname(fs.realpathSync(java)));
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

function searchFolders() {
  if (process.env.NAPI_JAVA_JDK_DIRS !== undefined) {
    return process.env.NAPI_JAVA_JDK_DIRS.split(path.delimiter).filter(Boolean);
  }
  const home = os.homedir();
  return ['/usr/lib/jvm', '/usr/java', '/opt/java', path.join(home, '.sdkman/candidates/java'), path.join(home, '.jdks')];
}

const INSTALL_HINT = `Install a JDK ${MIN_JDK} or newer (for example Temurin 25: apt-get install temurin-25-jdk), ` +
  'or pass { javaHome } to load(), or set NAPI_JAVA_HOME.';

function checkedJdk(home, origin) {
  const version = jdkVersion(home);
  if (version === undefined || !libjvm(home)) {
    throw loaderError(`${origin} ${home} is not a JDK (no release file or lib/server/libjvm.so). ${INSTALL_HINT}`, 'ERR_NAPI_JAVA_NO_JDK');
  }
  if (version < MIN_JDK) {
    throw loaderError(`${origin} ${home} is JDK ${version}; napi-java needs JDK ${MIN_JDK} or newer (FFM API). ${INSTALL_HINT}`, 'ERR_NAPI_JAVA_OLD_JDK');
  }
  return home;
}

/** Finds a JDK 22+: the option, NAPI_JAVA_HOME, JAVA_HOME, java on PATH, then usual folders. */
function findJdk(options) {
  if (options.javaHome !== undefined) return checkedJdk(path.resolve(options.javaHome), 'javaHome option');
  if (process.env.NAPI_JAVA_HOME) return checkedJdk(process.env.NAPI_JAVA_HOME, 'NAPI_JAVA_HOME');
  const candidates = [];
  if (process.env.JAVA_HOME) candidates.push(process.env.JAVA_HOME);
  const onPath = javaOnPath();
  if (onPath) candidates.push(onPath);
  for (const folder of searchFolders()) candidates.push(...listDirs(folder));
  let best;
  const seen = [];
  for (const home of candidates) {
    const version = jdkVersion(home);
    if (version === undefined || !libjvm(home)) continue;
    seen.push(`JDK ${version} at ${home}`);
    if (version >= MIN_JDK && (!best || version > best.version)) best = { home, version };
    if (best && home === candidates[0]) break; // JAVA_HOME wins when it is recent enough
  }
  if (best) return best.home;
  const found = seen.length ? `found only ${seen.join(', ')}` : `found no JDK (looked at JAVA_HOME, PATH, ${searchFolders().join(', ')})`;
  throw loaderError(`no JDK ${MIN_JDK} or newer: ${found}. ${INSTALL_HINT}`, seen.length ? 'ERR_NAPI_JAVA_OLD_JDK' : 'ERR_NAPI_JAVA_NO_JDK');
}

function launcherPath() {
  const arch = { x64: 'x64', arm64: 'arm64' }[process.arch] || process.arch;
  return path.join(__dirname, 'prebuilds', `${process.platform}-${arch}`, 'napi_java.node');
}

/** The AOT cache options when the build made a cache for the JDK at `home` (see build-aot.sh). */
function aotCache(home, user) {
  if (user.some((option) => /^-XX:AOT|^-Xshare|^-XX:SharedArchiveFile/.test(option))) return [];
  try {
    const made = JSON.parse(fs.readFileSync(AOT_CACHE + '.json', 'utf8'));
    if (fs.realpathSync(made.javaHome) !== fs.realpathSync(home) || !fs.existsSync(AOT_CACHE)) return [];
  } catch {
    return [];
  }
  // A cache that does not match these options is ignored by the JVM; keep it quiet then.
  return [`-XX:AOTCache=${AOT_CACHE}`, '-Xlog:aot=off', '-Xlog:cds=off'];
}

function jvmOptions(options, home) {
  const user = options.jvmOptions || [];
  if (!Array.isArray(user) || user.some((option) => typeof option !== 'string')) {
    throw loaderError('options.jvmOptions must be an array of strings', 'ERR_INVALID_ARG_TYPE');
  }
  const base = [
    `--module-path=${RUNTIME_DIR}`,
    `--add-modules=${RUNTIME_MODULES}`,
    `--enable-native-access=ALL-UNNAMED,${RUNTIME_MODULES}`,
  ];
  if (!user.some((option) => option.startsWith('-Xmx') || option.startsWith('-XX:MaxRAMPercentage'))) base.push(DEFAULT_HEAP);
  return base.concat(aotCache(home, user), user);
}

function startRuntime(options) {
  if (runtime) {
    checkNoConflict(options);
    return runtime;
  }
  const file = launcherPath();
  if (!fs.existsSync(file)) {
    throw loaderError(`no prebuilt launcher for ${process.platform}-${process.arch} at ${file}`, 'ERR_NAPI_JAVA_NO_LAUNCHER');
  }
  launcher = require(file);
  // The JVM is process-wide: a worker finds it started by another thread and keeps its options.
  const running = launcher.state();
  if (running) checkNoConflict(options);
  else {
    const home = findJdk(options);
    launcher.boot(libjvm(home), jvmOptions(options, home));
  }
  const entry = {};
  launcher.bind(entry, threadId === 0 ? 'node-main' : `node-worker-${threadId}`);
  runtime = entry;
  return runtime;
}

function checkNoConflict(options) {
  const running = launcher.state();
  if (options.javaHome !== undefined && libjvm(path.resolve(options.javaHome)) !== running.libjvm) {
    throw loaderError(`the JVM already runs in this process from ${running.libjvm}; javaHome ${options.javaHome} cannot apply. ` +
      'The JDK is chosen by the first load() in a process.', 'ERR_NAPI_JAVA_JVM_STARTED');
  }
  if (options.jvmOptions === undefined) return;
  const runningHome = path.dirname(path.dirname(path.dirname(running.libjvm)));
  const missing = jvmOptions(options, runningHome).filter((option) => !running.options.includes(option));
  if (missing.length) {
    throw loaderError(`the JVM already runs in this process, so these JVM options cannot apply: ${missing.join(' ')}. ` +
      'JVM options only take effect on the first load() in a process.', 'ERR_NAPI_JAVA_JVM_STARTED');
  }
}

/**
 * Loads a Java addon from a jar and returns its exports. Call on any JS thread (main or worker);
 * each thread gets its own exports object.
 */
function load(jarPath, options = {}) {
  if (typeof jarPath !== 'string') {
    throw Object.assign(new TypeError(`napi-java: load(): argument 'jarPath' must be a string, got ${jarPath === null ? 'null' : typeof jarPath}`), { code: 'ERR_INVALID_ARG_TYPE' });
  }
  if (options === null || typeof options !== 'object') {
    throw Object.assign(new TypeError("napi-java: load(): argument 'options' must be an object"), { code: 'ERR_INVALID_ARG_TYPE' });
  }
  const jar = path.resolve(jarPath);
  if (!fs.existsSync(jar)) throw loaderError(`addon jar not found: ${jar}`, 'ERR_NAPI_JAVA_JAR_NOT_FOUND');
  const key = `${jar}\0${options.addon || ''}`;
  if (!loaded.has(key)) loaded.set(key, startRuntime(options).load(jar, options.addon || null, require));
  else checkNoConflict(options);
  return loaded.get(key);
}

module.exports = { load };
