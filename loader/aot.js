'use strict';
// The JVM's AOT cache (JDK 25+, JEP 483/514) for napi-java's start-up, kept per user and made at
// first use. A cache holds the absolute paths of the runtime jars and of the JDK it was made
// with, so it cannot ship inside the npm package: the first load() in a folder where napi-java
// is installed starts a background process that makes one for that install and that JDK, and
// the loads that follow use it. Turn it off with NAPI_JAVA_AOT_CACHE=off or { aotCache: false }.
// node:child_process is required only where a cache is made: loading it costs start-up ~5 ms.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { RUNTIME_DIR, javaExecutable, jdkVersion } = require('./jdk.js');

const QUIET = ['-Xlog:aot=off', '-Xlog:cds=off'];
const STALE_LOCK_MS = 10 * 60 * 1000;

/** $NAPI_JAVA_CACHE_DIR, else $XDG_CACHE_HOME/napi-java, else ~/.cache/napi-java. */
function cacheDir() {
  if (process.env.NAPI_JAVA_CACHE_DIR) return path.resolve(process.env.NAPI_JAVA_CACHE_DIR);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'napi-java');
}

function realPath(file) {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

/**
 * FNV-1a (64 bits, hex) of the parts, each ended by a NUL: names cache files, where a collision
 * only costs a cache remade. Not node:crypto, whose loading costs start-up about 8 ms.
 */
function hash(...parts) {
  let h = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(parts.map((part) => `${part}\0`).join(''), 'utf8')) {
    h = ((h ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

/**
 * The cache file for this JDK and this install's runtime jars: jdk<major>-<where>-<what>.aot, where
 * <where> hashes the JDK's and the runtime's folders and <what> the JDK build and the jars, so a
 * rebuilt or updated install makes a new cache that replaces its own older ones.
 */
function cacheFile(home) {
  let release = '';
  try {
    release = fs.readFileSync(path.join(home, 'release'), 'utf8');
  } catch {
    // no release file: checked by the caller already
  }
  const jars = fs.readdirSync(RUNTIME_DIR).filter((n) => n.endsWith('.jar')).sort().map((name) => {
    const stat = fs.statSync(path.join(RUNTIME_DIR, name));
    return `${name}:${stat.size}:${stat.mtimeMs}`;
  });
  const where = hash(realPath(home), realPath(RUNTIME_DIR)).slice(0, 8);
  const what = hash(release, ...jars).slice(0, 12);
  return path.join(cacheDir(), `jdk${jdkVersion(home)}-${where}-${what}.aot`);
}

/** Removes the older caches of the same JDK and install as `file`. */
function removeOlder(file) {
  const prefix = path.basename(file).replace(/-[0-9a-f]+\.aot$/, '-');
  for (const name of fs.readdirSync(path.dirname(file))) {
    if (name.startsWith(prefix) && name.endsWith('.aot') && name !== path.basename(file)) {
      fs.rmSync(path.join(path.dirname(file), name), { force: true });
    }
  }
}

function disabled(setting) {
  if (setting === false) return true;
  return /^(off|0|false|no)$/i.test(process.env.NAPI_JAVA_AOT_CACHE || '');
}

/**
 * The JVM options that use the cache for the JDK at `home`: none when the user chose class-data
 * options or turned the cache off; none, and a background process to make the cache, when it
 * does not exist yet.
 */
function options(home, user, setting) {
  if (disabled(setting)) return [];
  if (user.some((option) => /^-XX:AOT|^-Xshare|^-XX:SharedArchiveFile/.test(option))) return [];
  let file;
  try {
    file = cacheFile(home);
  } catch {
    return [];
  }
  if (fs.existsSync(file)) return [`-XX:AOTCache=${file}`, ...QUIET];
  makeInBackground(home, file);
  return [];
}

/** Starts `node aot.js <home> <file>` detached, unless another process is already making it. */
function makeInBackground(home, file) {
  const lock = `${file}.lock`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      if (Date.now() - fs.statSync(lock).mtimeMs < STALE_LOCK_MS) return;
      fs.rmSync(lock, { force: true });
    } catch {
      // no lock yet
    }
    fs.closeSync(fs.openSync(lock, 'wx'));
    const child = require('node:child_process').spawn(process.execPath, [__filename, home, file, lock], { detached: true, stdio: 'ignore' });
    child.on('error', () => fs.rmSync(lock, { force: true }));
    child.unref();
  } catch {
    // no cache folder we may write, or another process took the lock: go on without a cache
  }
}

/**
 * Makes the cache for the JDK at `home` in `file` now: a training run records what start-up
 * loads and links (aot/train.js), then the JDK writes the cache. Returns `{ ok, reason }`.
 */
function make(home, file) {
  const tmp = `${file}.${process.pid}.tmp`;
  const conf = `${tmp}.conf`;
  const result = `${tmp}.json`;
  const fail = (reason) => {
    for (const f of [tmp, conf, result]) fs.rmSync(f, { force: true });
    return { ok: false, reason };
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const env = { ...process.env, NAPI_JAVA_HOME: home, NAPI_JAVA_AOT_CACHE: 'off' };
  const { spawnSync } = require('node:child_process');
  const train = spawnSync(process.execPath, [path.join(__dirname, 'aot', 'train.js'), conf, result], { env, stdio: 'ignore' });
  if (train.status !== 0 || !fs.existsSync(conf)) return fail(`the training run failed (exit ${train.status})`);
  const { options: jvm } = JSON.parse(fs.readFileSync(result, 'utf8'));
  const create = spawnSync(javaExecutable(home),
    ['-XX:AOTMode=create', `-XX:AOTConfiguration=${conf}`, `-XX:AOTCache=${tmp}`, ...jvm, '-Xlog:aot=error'], { stdio: 'ignore' });
  if (create.status !== 0 || !fs.existsSync(tmp)) return fail(`the JDK could not write the cache (exit ${create.status})`);
  fs.renameSync(tmp, file);
  fail('done'); // removes the leftovers
  removeOlder(file);
  return { ok: true, file };
}

module.exports = { cacheDir, cacheFile, make, options };

if (require.main === module) {
  const [home, file, lock] = process.argv.slice(2);
  try {
    make(home, file);
  } finally {
    if (lock) fs.rmSync(lock, { force: true });
  }
}
