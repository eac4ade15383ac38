// Start-up of an addon from the runtime package against a JDK: the time from require('napi-java')
// to the first Java call's return, in fresh Node processes, interleaved, with and without the
// AOT start-up cache; medians (and ranges) of wall time and of the process's CPU time (user and
// system, all threads), which a busy machine disturbs less.
//   node loader/jlink/startup.mjs <folder> <jar> [--rounds 11] [--jdk <home>]
// <folder> has napi-java and napi-java-runtime-<triple> installed (npm install of their tarballs);
// <jar> is an addon with a hello(String) export (examples/hello/target/hello.jar). The caches go
// to a folder of their own, made first with `napi-java aot`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = 'usage: node loader/jlink/startup.mjs <folder> <jar> [--rounds 11] [--jdk <home>]';
const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: { rounds: { type: 'string', default: '11' }, jdk: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
});
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
const rounds = Number(options.rounds);
const { jdk } = options;
const [folder, jar] = positionals.map((a) => path.resolve(a));
if (!folder || !jar || !(rounds > 0)) {
  console.error(USAGE);
  process.exit(2);
}
const cache = mkdtempSync(path.join(os.tmpdir(), 'napi-java-startup-'));
const base = { ...process.env, NAPI_JAVA_CACHE_DIR: cache };
delete base.NAPI_JAVA_HOME;
const configs = [['runtime package', base]];
if (jdk) configs.push([`JDK ${jdk}`, { ...base, NAPI_JAVA_HOME: jdk }]);
const runs = [];
for (const [name, env] of configs) {
  const made = spawnSync(process.execPath, [path.join(folder, 'node_modules', 'napi-java', 'bin', 'napi-java.js'), 'aot'], { cwd: folder, env, encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`napi-java aot for the ${name} failed: ${made.stderr}`);
  runs.push({ name: `${name}, no AOT cache`, env: { ...env, NAPI_JAVA_AOT_CACHE: 'off' }, wall: [], cpu: [] });
  runs.push({ name: `${name}, AOT cache`, env, wall: [], cpu: [] });
}
const probe = `const t = process.hrtime.bigint();
  require('napi-java').load(${JSON.stringify(jar)}).hello('x');
  const wall = Number(process.hrtime.bigint() - t) / 1e6;
  const r = process.resourceUsage();
  console.log(wall, (r.userCPUTime + r.systemCPUTime) / 1000);`;
for (let round = 0; round < rounds; round++) {
  for (const run of runs) {
    const child = spawnSync(process.execPath, ['-e', probe], { cwd: folder, env: run.env, encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`${run.name}: ${child.stderr}`);
    const [wall, cpu] = child.stdout.trim().split(' ').map(Number);
    run.wall.push(wall);
    run.cpu.push(cpu);
  }
}
rmSync(cache, { recursive: true, force: true });
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `${sorted[sorted.length >> 1].toFixed(0)} ms (${sorted[0].toFixed(0)}-${sorted[sorted.length - 1].toFixed(0)})`;
};
console.log(`${rounds} rounds, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
for (const run of runs) console.log(`${run.name.padEnd(60)} wall ${median(run.wall).padEnd(20)} CPU ${median(run.cpu)}`);
