// Property-based fuzzing of every exported function of every test-addon topic (fuzzer.mjs),
// one child Node process per topic: a crash (signal, exit code), a hang (timeout) or a thrown
// value that is not an Error fails that topic's test, with the calls that led to it.
//
// Bounded for CI: FUZZ_RUNS calls per topic (default 150), two topics at a time. More on demand:
//   FUZZ_RUNS=100000 node --test test-addons/js/fuzz.test.mjs
// FUZZ_SEED replays a run (the seed is printed for each topic); FUZZ_TOPICS=Async,Strings limits
// the topics; FUZZ_TIMEOUT_MS overrides a topic's time limit (default: 60 s plus 20 ms a call, times
// NAPI_JAVA_TEST_TIME_SCALE).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test, after } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { JAR, scaled } from './support.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
// CI (CI=true) replays one fixed seed so that its result is reproducible; elsewhere each run draws a
// new seed (printed with any failure) unless FUZZ_SEED is set.
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : process.env.CI ? 20261201 : undefined;
const TIMEOUT = Number(process.env.FUZZ_TIMEOUT_MS ?? scaled(60_000 + 20 * RUNS));

// Every Addon the test jar declares, except InitThrows, whose init fails on purpose (loader.test.mjs).
const NOT_FUZZED = new Set(['InitThrows']);
const SERVICES = path.resolve(here, '../src/main/resources/META-INF/services/dev.napijava.Addon');
const TOPICS = readFileSync(SERVICES, 'utf8').split('\n').map((line) => line.replace(/#.*/, '').trim()).filter(Boolean)
  .map((name) => name.slice(name.lastIndexOf('.') + 1)).filter((topic) => !NOT_FUZZED.has(topic))
  .filter((topic) => !process.env.FUZZ_TOPICS || process.env.FUZZ_TOPICS.split(',').includes(topic));

const work = mkdtempSync(path.join(tmpdir(), 'napi-java-fuzz-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** Runs the fuzzer for `topic` in a child process; resolves with what it did. */
function fuzzInChild(topic) {
  const lastCallsFile = path.join(work, `${topic}.last-calls.txt`);
  const seed = SEED ?? Math.floor(Math.random() * 2 ** 31);
  const options = { topic, runs: RUNS, seed, jar: JAR, lastCallsFile };
  const source = `import { fuzzTopic } from ${JSON.stringify(pathToFileURL(path.join(here, 'fuzzer.mjs')).href)};
    await fuzzTopic(${JSON.stringify(options)});`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', source], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr = (stderr + chunk).slice(-20_000); });
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, TIMEOUT);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      let lastCalls = '';
      try { lastCalls = readFileSync(lastCallsFile, 'utf8').split('\nEND\n')[0]; } catch { /* no call made */ }
      const line = stdout.split('\n').reverse().find((l) => l.startsWith('RESULT '));
      resolve({ status, signal, timedOut, seed, stderr, lastCalls, result: line ? JSON.parse(line.slice(7)) : undefined });
    });
  });
}

describe('fuzz every exported test-addon function with random and adversarial values', { concurrency: 2 }, () => {
  for (const topic of TOPICS) {
    test(`fuzz ${topic}: no crash, no hang, only Error instances thrown`, async (t) => {
      const run = await fuzzInChild(topic);
      const context = `topic ${topic}, seed ${run.seed} (FUZZ_SEED=${run.seed} FUZZ_TOPICS=${topic} replays it)\n`
        + `last calls, most recent last:\n${run.lastCalls}\n--- child stderr (tail) ---\n${run.stderr.slice(-4000)}`;
      if (run.timedOut) assert.fail(`hang: the child did not finish within ${TIMEOUT} ms\n${context}`);
      assert.equal(run.signal, null, `crash: the child died of ${run.signal}\n${context}`);
      assert.ok(run.result, `crash: the child exited with ${run.status} and no result\n${context}`);
      assert.deepEqual(run.result.failures, [], `failures\n${context}`);
      assert.equal(run.status, 0, `the child exited with ${run.status}\n${context}`);
      assert.ok(run.result.calls >= RUNS, `only ${run.result.calls} calls made`);
      t.diagnostic(`${topic}: ${run.result.targets} functions, ${run.result.calls} calls, seed ${run.seed}; `
        + `skipped ${JSON.stringify(run.result.skipped)}; thrown ${JSON.stringify(run.result.thrownKinds)}`);
    });
  }
});
