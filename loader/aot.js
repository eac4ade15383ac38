'use strict';
// The JVM's AOT cache (JDK 25+, JEP 483/514) for napi-java's start-up, kept per user and made at
// first use. A cache holds the absolute paths of the runtime jars and of the JDK it was made
// with, so it cannot ship inside the npm package: the first load() in a folder where napi-java
// is installed starts a background process that makes one for that install and that JDK, and
// the loads that follow use it. Turn it off with NAPI_JAVA_AOT_CACHE=off or { aotCache: false }.
// Caches of installs and JDKs that are gone or unused pile up (16-18 MB each), so each new cache
// is followed by a prune: a cache's mtime says when it was last used (a load() that uses it
// touches it at most once a day), and the prune removes caches unused for KEEP_DAYS and all but
// the KEEP_COUNT most recently used. `napi-java aot --prune` runs it at once.
// node:child_process is required only where a cache is made: loading it costs start-up ~5 ms.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { RUNTIME_DIR, javaExecutable, jdkVersion } = require('./jdk.js');

const QUIET = ['-Xlog:aot=off', '-Xlog:cds=off'];
const STALE_LOCK_MS = 10 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const KEEP_DAYS = 30;
const KEEP_COUNT = 8;
const CACHE_NAME = /^jdk\d+-[0-9a-f]{8}-[0-9a-f]{12}\.aot$/;
const LEFTOVER_NAME = /^jdk\d+-[0-9a-f]{8}-[0-9a-f]{12}\.aot\.(?:\d+\.tmp(?:\.conf|\.json)?|lock)$/;

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
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (stat) {
    markUsed(file, stat);
    return [`-XX:AOTCache=${file}`, ...QUIET];
  }
  makeInBackground(home, file);
  return [];
}

/** Sets the mtime of a cache in use to now, when it is a day old or more: prune() goes by it. */
function markUsed(file, stat) {
  if (Date.now() - stat.mtimeMs < DAY_MS) return;
  try {
    const now = new Date();
    fs.utimesSync(file, now, now);
  } catch {
    // a cache folder we may not write: the cache may then be pruned while in use, and is remade
  }
}

/**
 * Removes from the cache folder the caches unused (by mtime) for more than `days` days and all
 * but the `keep` most recently used, never `spare`, and what a maker that died left behind (its
 * temporary files, an old lock). Other files are left alone. Returns the removed files and bytes.
 */
function prune({ dir = cacheDir(), days = KEEP_DAYS, keep = KEEP_COUNT, spare, now = Date.now() } = {}) {
  let names;
  try {
    names = fs.readdirSync(dir);
  } catch {
    return { removed: [], bytes: 0 };
  }
  const entries = [];
  for (const name of names) {
    if (!CACHE_NAME.test(name) && !LEFTOVER_NAME.test(name)) continue;
    const file = path.join(dir, name);
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat) entries.push({ file, cache: CACHE_NAME.test(name), mtime: stat.mtimeMs, size: stat.size });
  }
  const doomed = entries.filter((e) => !e.cache && now - e.mtime > STALE_LOCK_MS);
  entries.filter((e) => e.cache).sort((a, b) => b.mtime - a.mtime).forEach((e, i) => {
    if (e.file !== spare && (i >= keep || now - e.mtime > days * DAY_MS)) doomed.push(e);
  });
  const removed = [];
  let bytes = 0;
  for (const e of doomed) {
    try {
      fs.rmSync(e.file, { force: true });
      removed.push(e.file);
      bytes += e.size;
    } catch {
      // in use where that forbids removal (Windows), or not ours to remove: the next prune retries
    }
  }
  return { removed, bytes };
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
  prune({ dir: path.dirname(file), spare: file });
  return { ok: true, file };
}

module.exports = { KEEP_COUNT, KEEP_DAYS, cacheDir, cacheFile, make, options, prune };

if (require.main === module) {
  const [home, file, lock] = process.argv.slice(2);
  try {
    make(home, file);
  } finally {
    if (lock) fs.rmSync(lock, { force: true });
  }
}
