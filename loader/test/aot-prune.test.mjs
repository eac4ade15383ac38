// The per-user start-up caches (aot.js) do not pile up: a cache's mtime is its last use, a
// load() that uses a cache touches it, and each new cache's maker (and `napi-java aot --prune`)
// removes caches unused for 30 days and all but the 8 most recently used, with what dead makers
// left behind. Fake caches with old mtimes stand in for real ones but in the last test, which
// makes a real cache (needs a JDK 25+ and the built runtime jars: mvn package).
//   node --test loader/test/aot-prune.test.mjs
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const LOADER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(LOADER, 'bin', 'napi-java.js');
const WORK = mkdtempSync(path.join(os.tmpdir(), 'napi-java-aot-prune-'));
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

let folders = 0;
/** A cache folder holding `files` ({ name: age in ms }), each with that mtime. */
function cacheFolder(files) {
  const dir = path.join(WORK, `cache-${folders++}`);
  mkdirSync(dir);
  for (const [name, age] of Object.entries(files)) {
    const file = path.join(dir, name);
    if (name.endsWith('/')) mkdirSync(file);
    else writeFileSync(file, 'x'.repeat(1000));
    const when = new Date(Date.now() - age);
    utimesSync(file, when, when);
  }
  return dir;
}

/** Runs the napi-java command with the cache folder `dir`; returns its output. */
function cli(dir, args, status = 0) {
  const { NODE_TEST_CONTEXT, ...env } = process.env;
  const result = spawnSync(process.execPath, [CLI, ...args], { env: { ...env, NAPI_JAVA_CACHE_DIR: dir }, encoding: 'utf8', timeout: 5 * 60_000 });
  assert.equal(result.status, status, `${args.join(' ')}: ${result.error || `exit ${result.status}`}\n${result.stdout}\n${result.stderr}`);
  return result;
}

const cache = (n) => `jdk25-${n.toString(16).padStart(8, '0')}-${'ab'.repeat(6)}.aot`;

test('aot prune: removes caches unused for 30 days, all but the 8 most recently used, and dead makers\' leftovers', () => {
  const files = {};
  for (let i = 0; i < 3; i++) files[cache(i)] = (40 + i) * DAY; // not used for more than 30 days
  for (let i = 3; i < 12; i++) files[cache(i)] = (i - 2) * HOUR; // 9 used today: the oldest of them, cache(11), goes
  files[`${cache(3)}.4242.tmp`] = 2 * HOUR; // a maker that died
  files[`${cache(3)}.4242.tmp.conf`] = 2 * HOUR;
  files[`${cache(4)}.lock`] = 2 * HOUR; // a lock older than any making takes
  files[`${cache(5)}.lock`] = 60 * 1000; // a maker at work now
  files['notes.txt'] = 90 * DAY; // not napi-java's caches: left alone
  files['jdk25-other.aot'] = 90 * DAY;
  files['arm64-root.build/'] = 90 * DAY;
  const dir = cacheFolder(files);
  const result = cli(dir, ['aot', '--prune']);
  const removed = result.stdout.trim().split('\n').map((line) => path.basename(line.replace(/^removed /, ''))).sort();
  const expected = [cache(0), cache(1), cache(2), cache(11), `${cache(3)}.4242.tmp`, `${cache(3)}.4242.tmp.conf`, `${cache(4)}.lock`].sort();
  assert.deepEqual(removed, expected);
  assert.deepEqual(readdirSync(dir).sort(), Object.keys(files).map((n) => n.replace(/\/$/, '')).filter((n) => !expected.includes(n)).sort());
  assert.match(result.stderr, /removed 7 files \(0\.0 MB\)/);
});

test('aot prune: --days and --keep set the limits', () => {
  const files = {};
  for (let i = 0; i < 6; i++) files[cache(i)] = i * DAY + HOUR; // used 0 to 5 days ago
  const dir = cacheFolder(files);
  cli(dir, ['aot', '--prune', '--days', '3', '--keep', '100']);
  assert.deepEqual(readdirSync(dir).sort(), [cache(0), cache(1), cache(2)]);
  cli(dir, ['aot', '--prune', '--keep', '1']);
  assert.deepEqual(readdirSync(dir), [cache(0)]);
  cli(dir, ['aot', '--prune', '--days', '0']);
  assert.deepEqual(readdirSync(dir), []);
  assert.match(cli(dir, ['aot', '--prune', '--days', '-1'], 1).stderr, /--days needs a whole number, got '-1'/);
});

test('aot prune: a load() that uses a cache marks it used, so that a prune keeps it', () => {
  const dir = cacheFolder({});
  const script = `const aot = require(${JSON.stringify(path.join(LOADER, 'aot.js'))});
    const home = require(${JSON.stringify(LOADER)}).findJavaHome();
    const file = aot.cacheFile(home);
    require('node:fs').writeFileSync(file, 'x');
    const old = new Date(Date.now() - 40 * 24 * 3600 * 1000);
    require('node:fs').utimesSync(file, old, old);
    console.log(JSON.stringify({ file, options: aot.options(home, [], undefined) }));`;
  const { NODE_TEST_CONTEXT, ...env } = process.env;
  const child = spawnSync(process.execPath, ['-e', script], { env: { ...env, NAPI_JAVA_CACHE_DIR: dir }, encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  const { file, options } = JSON.parse(child.stdout);
  assert.ok(options.includes(`-XX:AOTCache=${file}`), options.join(' '));
  assert.ok(Date.now() - statSync(file).mtimeMs < HOUR, 'the mtime says it was used now');
  cli(dir, ['aot', '--prune']);
  assert.ok(existsSync(file), 'a cache in use survives the prune');
});

test('aot prune: making a cache prunes the cache folder', () => {
  const dir = cacheFolder({ [cache(1)]: 45 * DAY, [cache(2)]: 31 * DAY, [cache(3)]: HOUR });
  const result = cli(dir, ['aot']);
  const made = /wrote (\S+\.aot)/.exec(result.stderr)[1];
  assert.deepEqual(readdirSync(dir).sort(), [cache(3), path.basename(made)].sort());
  assert.ok(statSync(made).size > 1e6, 'a real cache');
});

test.after(() => rmSync(WORK, { recursive: true, force: true }));
