'use strict';
// napi-java: load Java addons (jars) into Node. See index.d.ts for the API.
const fs = require('node:fs');
const path = require('node:path');
const { threadId } = require('node:worker_threads');

const { MIN_JDK, RUNTIME_DIR, candidateHomes, imageModules, installHint, jdkArch, jdkVersion, libjvm, libjvmInHome, missingModules, searchFolders } = require('./jdk.js');
const aot = require('./aot.js');
const { launcherPath, triple } = require('./platform.js');

const DEFAULT_HEAP = '-Xmx512m';
const RUNTIME_MODULES = 'dev.napijava,dev.napijava.bindings';

let launcher; // this env's instance of the native launcher
let runtime; // this env's Java runtime entry: { load(jarPath, addonClass) }
const loaded = new Map(); // this env's addons, by jar and class

function loaderError(message, code) {
  const error = new Error(`napi-java: ${message}`);
  error.code = code;
  return error;
}

const INSTALL_HINT = installHint();

/** Whether the JDK at `home` can load into this process: true when its release file names no architecture. */
function archFits(home) {
  const arch = jdkArch(home);
  return arch === undefined || arch === process.arch;
}

function checkedJdk(home, origin) {
  const version = jdkVersion(home);
  if (version === undefined || !libjvm(home)) {
    throw loaderError(`${origin} ${home} is not a JDK (no release file or ${libjvmInHome()}). ${INSTALL_HINT}`, 'ERR_NAPI_JAVA_NO_JDK');
  }
  if (!archFits(home)) {
    throw loaderError(`${origin} ${home} is a JDK for ${jdkArch(home)} (OS_ARCH in its release file), but this Node runs on ` +
      `${process.arch}: the JVM loads into the Node process, so it must be a JDK for ${process.arch}. ${INSTALL_HINT}`, 'ERR_NAPI_JAVA_WRONG_ARCH');
  }
  if (version < MIN_JDK) {
    throw loaderError(`${origin} ${home} is JDK ${version}; napi-java needs JDK ${MIN_JDK} or newer ` +
      `(its class files are Java ${MIN_JDK}). ${INSTALL_HINT}`, 'ERR_NAPI_JAVA_OLD_JDK');
  }
  const missing = missingModules(home);
  if (missing.length) {
    const fix = origin.startsWith(RUNTIME_PACKAGE)
      ? `Install the ${RUNTIME_PACKAGE} made for napi-java ${require('./package.json').version} (loader/jlink/build.sh links the modules ` +
        'that napi-java requires), or uninstall it so that load() looks for a JDK, or name a JDK with NAPI_JAVA_HOME.'
      : 'Name a JDK that has them, or make the runtime with loader/jlink/build.sh.';
    throw loaderError(`${origin} ${home} lacks the Java module${missing.length > 1 ? 's' : ''} ${missing.join(', ')} that napi-java's ` +
      `runtime requires (it has ${imageModules(home).join(', ')}), so a JVM started from it would end this process. ${fix}`,
    'ERR_NAPI_JAVA_RUNTIME_MODULES');
  }
  return home;
}

const RUNTIME_PACKAGE = `napi-java-runtime-${triple()}`;

/** The Java runtime of the optional npm package napi-java-runtime-<triple> (loader/jlink/build.sh), when installed. */
function runtimePackage() {
  try {
    return path.join(path.dirname(require.resolve(`${RUNTIME_PACKAGE}/package.json`)), 'jdk');
  } catch {
    return undefined;
  }
}

/** Finds a JDK 25+: the option, NAPI_JAVA_HOME, the runtime package, JAVA_HOME, java on PATH, then usual folders. */
function findJdk(options) {
  if (options.javaHome !== undefined) return checkedJdk(path.resolve(options.javaHome), 'javaHome option');
  if (process.env.NAPI_JAVA_HOME) return checkedJdk(process.env.NAPI_JAVA_HOME, 'NAPI_JAVA_HOME');
  const bundled = runtimePackage();
  if (bundled) return checkedJdk(bundled, `${RUNTIME_PACKAGE} at`);
  const candidates = candidateHomes();
  let best;
  const seen = [];
  let fitting = 0; // JDKs seen of this process's architecture
  const real = new Set(); // one entry per JDK, however many links point at it
  for (const home of candidates) {
    const version = jdkVersion(home);
    if (version === undefined || !libjvm(home)) continue;
    const target = realPath(home);
    if (real.has(target)) continue;
    real.add(target);
    if (!archFits(home)) { // an x86-64 JDK under an arm64 Node (or the reverse) cannot load into it
      seen.push(`JDK ${version} for ${jdkArch(home)} at ${home}`);
      continue;
    }
    fitting++;
    const lacks = missingModules(home); // a JVM without them would end the process
    seen.push(`JDK ${version} at ${home}${lacks.length ? ` (without ${lacks.join(', ')})` : ''}`);
    if (version >= MIN_JDK && !lacks.length && (!best || version > best.version)) best = { home, version };
    if (best && home === candidates[0]) break; // JAVA_HOME wins when it is recent enough
  }
  if (best) return best.home;
  const otherArch = seen.length > fitting ? ` (this Node runs on ${process.arch})` : '';
  const found = seen.length ? `found only ${seen.join(', ')}${otherArch}` : `found no JDK (looked at JAVA_HOME, PATH, ${searchFolders().join(', ')})`;
  const code = fitting ? 'ERR_NAPI_JAVA_OLD_JDK' : seen.length ? 'ERR_NAPI_JAVA_WRONG_ARCH' : 'ERR_NAPI_JAVA_NO_JDK';
  throw loaderError(`no JDK ${MIN_JDK} or newer: ${found}. ${INSTALL_HINT}`, code);
}

function realPath(file) {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

/** The JVM's options; with `cache`, the start-up cache's too (which may start making one). */
/**
 * With -Xrs the JVM opens its attach socket (jcmd's) at start-up and removes it from a C exit
 * handler. Node runs exit handlers; Bun and Deno end the process without them, so there the JVM
 * starts without the attach mechanism (jvmOptions ['-XX:-DisableAttachMechanism'] turns it back
 * on), and the main thread's exit event removes a socket where the runtime lets it (Deno needs
 * --allow-write). Linux puts it in /tmp, macOS in the user's temp folder.
 */
const SKIPS_EXIT_HANDLERS = Boolean(process.versions.bun || process.versions.deno);

function removeAttachSocketAtExit() {
  if (threadId !== 0 || !SKIPS_EXIT_HANDLERS) return;
  const dir = process.platform === 'linux' ? '/tmp' : process.platform === 'darwin' ? os.tmpdir() : undefined;
  if (dir === undefined) return;
  process.once('exit', () => {
    try {
      fs.rmSync(path.join(dir, `.java_pid${process.pid}`), { force: true });
    } catch {
      // not allowed to (Deno without --allow-write): nothing else to do at exit
    }
  });
}

function jvmOptions(options, home, cache = true) {
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
  if (SKIPS_EXIT_HANDLERS) base.push('-XX:+DisableAttachMechanism');
  return base.concat(cache ? aot.options(home, user, options.aotCache) : [], user);
}

function startRuntime(options) {
  if (runtime) {
    checkNoConflict(options);
    return runtime;
  }
  launcher = require(launcherPath());
  // The JVM is process-wide: a worker finds it started by another thread and keeps its options.
  const running = launcher.state();
  if (running) checkNoConflict(options);
  else {
    const home = findJdk(options);
    launcher.boot(libjvm(home), jvmOptions(options, home));
    if (launcher.exiting && threadId === 0) tellExitStatus(launcher);
  }
  const entry = {};
  launcher.bind(entry, threadId === 0 ? 'node-main' : `node-worker-${threadId}`);
  removeAttachSocketAtExit();
  runtime = entry;
  return runtime;
}

/**
 * For a launcher that must be told that the process exits (macOS: its exit handler ends the
 * process before libjvm's static destructors run, and atexit handlers are not told the status;
 * Windows: its thread-exit callback must not enter the JVM once the exit has begun): the status
 * of a natural exit at 'exit', of process.exit() and process.reallyExit() when called.
 */
function tellExitStatus(native) {
  process.on('exit', (code) => native.exiting(Number(process.exitCode ?? code) | 0));
  const reallyExit = process.reallyExit;
  process.reallyExit = function (code) {
    native.exiting(Number(code) | 0);
    return reallyExit.call(this, code);
  };
}

function checkNoConflict(options) {
  const running = launcher.state();
  if (options.javaHome !== undefined && libjvm(path.resolve(options.javaHome)) !== running.libjvm) {
    throw loaderError(`the JVM already runs in this process from ${running.libjvm}; javaHome ${options.javaHome} cannot apply. ` +
      'The JDK is chosen by the first load() in a process.', 'ERR_NAPI_JAVA_JVM_STARTED');
  }
  if (options.jvmOptions === undefined) return;
  const runningHome = path.dirname(path.dirname(path.dirname(running.libjvm)));
  // Without the cache's options: a cache made since the JVM started does not make a conflict.
  const missing = jvmOptions(options, runningHome, false).filter((option) => !running.options.includes(option));
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

/** The JDK home that load() would use with these options (it throws the same errors). Any thread. */
function findJavaHome(options = {}) {
  return findJdk(options);
}

module.exports = { load, findJavaHome };
// require('napi-java').java is napi-java/java, the dynamic bridge (loaded at first use).
Object.defineProperty(module.exports, 'java', { enumerable: true, get: () => require('./java.js') });
