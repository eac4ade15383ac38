// Shared by the JS tests: loads a test addon from the jar that the build made.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

export const napiJava = require('../../loader/index.js');
export const LOADER = path.resolve(here, '../../loader/index.js');
/** loader/platform.js: this process's platform triple and its launcher. */
export const platform = require('../../loader/platform.js');

function findJar() {
  if (process.env.NAPI_JAVA_TEST_JAR) return process.env.NAPI_JAVA_TEST_JAR;
  const target = path.resolve(here, '../target');
  const jar = readdirSync(target).find((name) => /^test-addons-.*\.jar$/.test(name));
  return path.join(target, jar);
}

export const JAR = findJar();

/**
 * How much longer than on a native machine the time limits of child processes (and the fuzzer's
 * per-topic limit) are: NAPI_JAVA_TEST_TIME_SCALE, default 1. Under emulation (.ci/arm64 runs
 * the tests in qemu-user, about ten times slower) they scale by one setting.
 */
export const TIME_SCALE = timeScale(process.env.NAPI_JAVA_TEST_TIME_SCALE);

function timeScale(text) {
  if (text === undefined || text === '') return 1;
  const scale = Number(text);
  if (!(scale > 0)) throw new Error(`NAPI_JAVA_TEST_TIME_SCALE must be a positive number, got ${JSON.stringify(text)}`);
  return scale;
}

/** A time limit of `ms` milliseconds on a native machine, scaled by TIME_SCALE. */
export function scaled(ms) {
  return Math.round(ms * TIME_SCALE);
}

/**
 * Whether this process can read its resident set size: under qemu-user, /proc/self/stat (where
 * Node reads it) reports 0, and a memory check that reads RSS must skip rather than pass on 0.
 */
export const RSS_READABLE = process.memoryUsage().rss > 0;
export const NO_RSS = !RSS_READABLE && 'RSS reads 0 here (qemu-user emulation)';

/** The test addon class dev.napijava.tests.<topic>, loaded into this thread. */
export function loadTopic(topic) {
  return napiJava.load(JAR, { addon: `dev.napijava.tests.${topic}` });
}

/**
 * Type-checks test-addons/ts/<file> with the pinned TypeScript (tsc --strict --noEmit); returns
 * { status, output }.
 */
export function tsc(file) {
  const result = spawnSync(process.execPath, [path.resolve(here, '../node_modules/typescript/bin/tsc'), '--strict', '--noEmit',
    '--skipLibCheck', '--target', 'es2022', '--module', 'nodenext', '--types', 'node', path.resolve(here, '../ts', file)],
  { encoding: 'utf8', cwd: path.resolve(here, '..') });
  return { status: result.status, output: result.stdout + result.stderr };
}

/**
 * Runs an ES module source text in a child Node process (with `nodeFlags` such as '--expose-gc',
 * which Node 18 refuses in NODE_OPTIONS) and a time limit of `timeout` ms scaled by TIME_SCALE;
 * returns { status, signal, stdout, stderr }.
 */
export function runChild(source, { env = process.env, timeout = 60_000, nodeFlags = [] } = {}) {
  const result = spawnSync(process.execPath, [...nodeFlags, '--input-type=module', '-e', source], {
    env: { ...env, NAPI_JAVA_TEST_JAR: JAR },
    encoding: 'utf8',
    timeout: scaled(timeout),
  });
  return { pid: result.pid, status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `trigger` and resolves with the next uncaught exception, which node --test then does not see. */
export function nextUncaughtException(trigger) {
  return new Promise((resolve) => {
    const listeners = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    process.once('uncaughtException', (error) => {
      for (const listener of listeners) process.on('uncaughtException', listener);
      resolve(error);
    });
    trigger();
  });
}
