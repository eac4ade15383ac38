import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { JAR, LOADER, loadTopic, scaled } from './support.mjs';

const { RunWithLog } = loadTopic('Emitters');
const SEED = fileURLToPath(new URL('./fixtures/run-with-log.mjs', import.meta.url));

/** Runs a copy of the seed's script (its own file is what it reads) in a child Node process. */
function runSeed(edit = (text) => text) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'run-with-log-'));
  const script = path.join(dir, 'run-with-log.mjs');
  try {
    writeFileSync(script, edit(readFileSync(SEED, 'utf8')));
    const child = spawnSync(process.execPath, [script], {
      env: { ...process.env, NAPI_JAVA_LOADER: LOADER, NAPI_JAVA_TEST_JAR: JAR },
      encoding: 'utf8',
      timeout: scaled(60_000),
    });
    return { ...child, size: statSync(script).size };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('RunWithLog: the seed script runs unchanged against the Java class (reads its own file, measures the time)', () => {
  const { status, stdout, stderr, size } = runSeed();
  assert.equal(status, 0, stderr);
  const lines = stdout.trim().split('\n');
  assert.equal(lines.length, 4, stdout);
  assert.equal(lines[0], 'Before start');
  assert.equal(lines[1], 'Starting');
  assert.equal(lines[2], `Data length ${size}`);
  assert.match(lines[3], /^measure: \d+(\.\d+)?m?s$/);
  assert.doesNotMatch(stdout, /Ending/); // the end listener was removed
});

test('RunWithLog: a missing file gives the error event (and no data, end or time)', () => {
  const { status, stdout, stderr } = runSeed((text) => text.replace('runWithLog.run(fs.readFile, __filename);',
    "runWithLog.run(fs.readFile, __filename + '.missing');"));
  assert.equal(status, 0, stderr);
  assert.match(stdout, /^Before start\nStarting\nError \[Error: ENOENT: no such file or directory, open '.*\.missing'\]/);
  assert.doesNotMatch(stdout, /Data length|measure:/);
});

test('RunWithLog extends EventEmitter: instanceof, on, once, off, prependListener and subclassing work', () => {
  const emitter = new RunWithLog();
  assert.ok(emitter instanceof RunWithLog);
  assert.ok(emitter instanceof EventEmitter);
  assert.equal(Object.getPrototypeOf(RunWithLog), EventEmitter);
  assert.equal(RunWithLog.name, 'RunWithLog');
  assert.equal(Object.prototype.toString.call(emitter), '[object RunWithLog]');
  const seen = [];
  const onStart = () => seen.push('on');
  emitter.on('start', onStart);
  emitter.once('start', () => seen.push('once'));
  emitter.prependListener('start', () => seen.push('first'));
  const data = [];
  emitter.on('data', (value) => data.push(value));
  emitter.run((callback) => callback(null, 'one'));
  emitter.off('start', onStart);
  emitter.run((a, b, callback) => callback(null, a + b), 'tw', 'o');
  assert.deepEqual(seen, ['first', 'on', 'once', 'first']);
  assert.deepEqual(data, ['one', 'two']);
  class Sub extends RunWithLog {}
  const sub = new Sub();
  assert.ok(sub instanceof EventEmitter);
  const events = [];
  sub.on('start', function () { events.push(this === sub); });
  sub.on('error', (error) => events.push(error.message));
  sub.run((callback) => callback(new Error('x')));
  assert.deepEqual(events, [true, 'x']);
  assert.throws(() => RunWithLog.prototype.run.call(new EventEmitter(), () => {}), { name: 'TypeError', message: /'this' must be a RunWithLog instance/ });
  assert.throws(() => RunWithLog(), { name: 'TypeError', code: 'ERR_CONSTRUCT_CALL_REQUIRED', message: "Class constructor RunWithLog cannot be invoked without 'new'" });
  assert.throws(() => RunWithLog.call(new EventEmitter()), { name: 'TypeError', code: 'ERR_CONSTRUCT_CALL_REQUIRED' });
});

test('RunWithLog emits start, data and end from a Java thread, and error for a missing file', async () => {
  const file = fileURLToPath(import.meta.url);
  const emitter = new RunWithLog();
  const events = [];
  for (const name of ['start', 'data', 'end']) emitter.on(name, (value) => events.push([name, value]));
  const ended = once(emitter, 'end');
  emitter.runInJava(file);
  await ended;
  assert.deepEqual(events, [['start', undefined], ['data', readFileSync(file, 'utf8')], ['end', undefined]]);
  const failing = new RunWithLog();
  const errored = once(failing, 'error');
  failing.runInJava(file + '.missing');
  const [error] = await errored;
  assert.equal(error.javaClass, 'java.nio.file.NoSuchFileException');
});

test('RunWithLog events emitted by several Java threads arrive in the order each thread emitted them', async () => {
  const THREADS = 4;
  const COUNT = 2000;
  const emitter = new RunWithLog();
  const next = new Array(THREADS).fill(0);
  let outOfOrder = 0;
  let received = 0;
  emitter.on('data', ({ thread, index }) => {
    if (index !== next[thread]) outOfOrder++;
    next[thread] = index + 1;
    received++;
  });
  const ended = once(emitter, 'end');
  emitter.emitFromThreads(THREADS, COUNT);
  await ended;
  assert.equal(received, THREADS * COUNT);
  assert.equal(outOfOrder, 0);
  assert.deepEqual(next, new Array(THREADS).fill(COUNT));
});
