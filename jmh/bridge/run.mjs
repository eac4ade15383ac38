// java-bridge's side of the comparison (run by jmh/compare.mjs, in a process of its own):
//   node jmh/bridge/run.mjs <napi-java-jmh.jar> [--quick | --startup]
// Prints a JSON array of {op, impl: "java-bridge", value, unit}: start-up from the start of
// this script to the first Java call, the resident memory that adds, and the cost per
// synchronous call of BridgeTarget's methods (median of 3 timed rounds after a warm-up). With
// --startup only the first two, so that compare.mjs can take the median of fresh processes.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const rss0 = process.memoryUsage().rss;
const t0 = performance.now();
const [jar, mode] = process.argv.slice(2);
const quick = mode === '--quick';

/** A JDK 22+ home: JAVA_HOME when set and new enough, else the newest under /usr/lib/jvm. */
function jdkHome() {
  const version = (home) => {
    try {
      return Number(/^JAVA_VERSION="(\d+)/m.exec(readFileSync(path.join(home, 'release'), 'utf8'))[1]);
    } catch {
      return 0;
    }
  };
  if (process.env.JAVA_HOME && version(process.env.JAVA_HOME) >= 22) return process.env.JAVA_HOME;
  let installed = [];
  try {
    installed = readdirSync('/usr/lib/jvm').map((name) => path.join('/usr/lib/jvm', name));
  } catch {
    // no /usr/lib/jvm
  }
  const candidates = installed.filter((home) => version(home) >= 22);
  if (candidates.length === 0) throw new Error('no JDK 22+ found (set JAVA_HOME or install one under /usr/lib/jvm)');
  return candidates.sort((a, b) => version(b) - version(a))[0];
}

/** When java-bridge cannot run at all: an empty result, and the reason on stderr. */
function giveUp(why) {
  console.error(`java-bridge run: ${why}`);
  console.log('[]');
  process.exit(0);
}

if (!jar) giveUp('usage: node jmh/bridge/run.mjs <napi-java-jmh.jar> [--quick]');
let Target, startup, rssAdded;
try {
  const { ensureJvm, importClass } = (await import('java-bridge')).default;
  ensureJvm({ libPath: path.join(jdkHome(), 'lib', 'server', 'libjvm.so'), classpath: [path.resolve(jar)], opts: ['-Xrs', '--enable-native-access=ALL-UNNAMED'] });
  Target = importClass('dev.napijava.jmh.BridgeTarget');
  Target.noopSync();
  startup = performance.now() - t0;
  rssAdded = (process.memoryUsage().rss - rss0) / 2 ** 20;
} catch (error) {
  giveUp(error?.stack ?? String(error));
}

if (mode === '--startup') {
  console.log(JSON.stringify([
    { op: 'startup', impl: 'java-bridge', value: startup, unit: 'ms' },
    { op: 'rss_added', impl: 'java-bridge', value: rssAdded, unit: 'MB' },
  ]));
  process.exit(0);
}

const text10 = 'abcdefghij';
const text10k = text10.repeat(1000);
const ops = {
  noop: () => Target.noopSync(),
  add: () => Target.addSync(1.5, 2.5),
  echo10: () => Target.echoSync(text10),
  echo10k: () => Target.echoSync(text10k),
};

/** Nanoseconds per call: the median of 3 rounds of about `ms` each, after a warm-up. */
function perCall(op, ms) {
  const timeRound = () => {
    let calls = 0;
    const started = process.hrtime.bigint();
    const until = started + BigInt(ms) * 1_000_000n;
    let now = started;
    while (now < until) {
      for (let i = 0; i < 100; i++) op();
      calls += 100;
      now = process.hrtime.bigint();
    }
    return Number(now - started) / calls;
  };
  timeRound();
  const rounds = [timeRound(), timeRound(), timeRound()].sort((a, b) => a - b);
  return rounds[1];
}

const rows = [];
for (const [op, call] of Object.entries(ops)) {
  rows.push({ op, impl: 'java-bridge', value: perCall(call, quick ? 200 : 1000), unit: 'ns/op' });
}
rows.push({ op: 'startup', impl: 'java-bridge', value: startup, unit: 'ms' });
rows.push({ op: 'rss_added', impl: 'java-bridge', value: rssAdded, unit: 'MB' });
console.log(JSON.stringify(rows));
process.exit(0);
