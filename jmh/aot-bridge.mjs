// Whether training the dynamic bridge into the AOT start-up cache pays: makes two caches in a
// temporary folder, as loader/aot.js does (A: loader/aot/train.js with NAPI_JAVA_AOT_TRAIN_BRIDGE=0,
// the addons' paths only; B: the default, which adds loader/aot/train-bridge.js), then runs
// fresh processes, interleaved, of the worked example (commonmark from Maven Central, time from
// the script's start to the first HTML) and of an ordinary addon (examples/hello, to its first
// call) with each cache, and prints medians of wall and CPU time, the cache sizes, and the
// classes each run loads from the cache and from elsewhere (-Xlog:class+load).
//   node jmh/aot-bridge.mjs [runs=7]     (after mvn -q -B package -DskipTests)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const { findJavaHome } = require(here('../loader/index.js'));
const home = findJavaHome();
const runs = Number(process.argv[2] || 7);
const dir = mkdtempSync(path.join(os.tmpdir(), 'napi-java-aot-'));

function makeCache(name, extraEnv) {
  const file = path.join(dir, `${name}.aot`);
  const env = { ...process.env, NAPI_JAVA_HOME: home, NAPI_JAVA_AOT_CACHE: 'off', ...extraEnv };
  const train = spawnSync(process.execPath, [here('../loader/aot/train.js'), `${file}.conf`, `${file}.json`], { env, stdio: 'ignore' });
  if (train.status !== 0) throw new Error(`training ${name} failed`);
  const { options } = JSON.parse(readFileSync(`${file}.json`, 'utf8'));
  const java = path.join(home, 'bin', 'java');
  const made = spawnSync(java, ['-XX:AOTMode=create', `-XX:AOTConfiguration=${file}.conf`, `-XX:AOTCache=${file}`, ...options, '-Xlog:aot=error'], { stdio: 'ignore' });
  if (made.status !== 0) throw new Error(`cache ${name} failed`);
  return file;
}

const loader = JSON.stringify(here('../loader'));
const hello = JSON.stringify(here('../examples/hello/target/hello.jar'));
const done = 'const u = process.cpuUsage(); console.log(performance.now() - t0, (u.user + u.system) / 1000); process.exit(0);';
const programs = {
  markdown: (jvmOptions) => `const t0 = performance.now();
    const { classpath } = require(${loader} + '/java.js');
    classpath(['org.commonmark:commonmark:0.24.0'], { jvmOptions: ${JSON.stringify(jvmOptions)} }).then((cp) => {
      const Parser = cp.importClass('org.commonmark.parser.Parser');
      const HtmlRenderer = cp.importClass('org.commonmark.renderer.html.HtmlRenderer');
      const html = HtmlRenderer.builder().build().render(Parser.builder().build().parse('# Title\\n\\nSome *emphasis* and \`code\`.\\n\\n- one\\n'));
      if (!html.startsWith('<h1>')) throw new Error(html);
      ${done}
    });`,
  hello: (jvmOptions) => `const t0 = performance.now();
    const addon = require(${loader}).load(${hello}, { jvmOptions: ${JSON.stringify(jvmOptions)} });
    if (addon.hello('world') === undefined) throw new Error('no result');
    ${done}`,
};
const run = (program, cache, log) => {
  const options = [`-XX:AOTCache=${cache}`, '-Xlog:aot=off', '-Xlog:cds=off', ...(log ? [`-Xlog:class+load:file=${log}`] : [])];
  const child = spawnSync(process.execPath, ['-e', programs[program](options)], { encoding: 'utf8', env: { ...process.env, NAPI_JAVA_HOME: home } });
  if (child.status !== 0) throw new Error(`${program}: ${child.stderr}`);
  return child.stdout.trim().split(' ').map(Number);
};

const caches = { A: makeCache('A', { NAPI_JAVA_AOT_TRAIN_BRIDGE: '0' }), B: makeCache('B', { NAPI_JAVA_AOT_TRAIN_BRIDGE: '' }) };
const times = {};
for (let i = 0; i < runs; i++) {
  for (const program of Object.keys(programs)) {
    for (const [name, file] of Object.entries(caches)) (times[`${program} ${name}`] ??= []).push(run(program, file));
  }
}
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log('| run | cache | wall (median) | CPU (median) | classes from the cache | classes from elsewhere |');
console.log('|---|---|---:|---:|---:|---:|');
for (const program of Object.keys(programs)) {
  for (const [name, file] of Object.entries(caches)) {
    const log = path.join(dir, `${program}-${name}.log`);
    run(program, file, log);
    const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    const shared = lines.filter((line) => line.includes('shared objects file')).length;
    const t = times[`${program} ${name}`];
    console.log(`| ${program} | ${name} (${(statSync(file).size / 2 ** 20).toFixed(1)} MB) | ${median(t.map((x) => x[0])).toFixed(0)} ms | ${median(t.map((x) => x[1])).toFixed(0)} ms | ${shared} | ${lines.length - shared} |`);
  }
}
rmSync(dir, { recursive: true, force: true });
