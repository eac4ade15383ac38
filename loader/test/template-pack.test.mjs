// The whole path of a user, end to end: napi-java's package tarball -> `npx napi-java new` ->
// npm install, npm run build, npm test in the new project -> a Java dependency from Maven Central
// -> `napi-java pack` -> npm install of both tarballs into an empty folder with no gcc, Maven or
// java on PATH -> require() and call. Needs `mvn install` of this repository first (the
// template's build resolves napi-java's artifacts from the local Maven repository). Run by .ci/run:
//   node --test loader/test/
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const LOADER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NAPI_JAVA = JSON.parse(readFileSync(path.join(LOADER, 'package.json'), 'utf8'));
const PLATFORM = createRequire(import.meta.url)('../platform.js');
const WORK = mkdtempSync(path.join(os.tmpdir(), 'napi-java-e2e-'));
const PROJECT = path.join(WORK, 'my-addon');
const CACHE = path.join(WORK, 'cache'); // the AOT caches of this test's installs, removed with WORK
const M2 = path.join(os.homedir(), '.m2', 'repository', 'dev', 'napijava', 'napi-java-bom', NAPI_JAVA.napiJava.mavenVersion);

/** Runs a command; fails the test with its output when it fails. */
function run(command, args, { cwd = WORK, env = { ...process.env, NAPI_JAVA_CACHE_DIR: CACHE } } = {}) {
  const { NODE_TEST_CONTEXT, ...clean } = env; // else a nested node --test reports to this one
  const result = spawnSync(command, args, { cwd, env: clean, encoding: 'utf8', timeout: 10 * 60_000 });
  assert.equal(result.status, 0, `${command} ${args.join(' ')} in ${cwd} failed (${result.error || `exit ${result.status}`}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** A PATH holding only node, npm and npx: no gcc, no Maven, no java. */
function nodeOnlyPath() {
  const bin = path.join(WORK, 'node-only-bin');
  mkdirSync(bin, { recursive: true });
  const nodeBin = path.dirname(process.execPath);
  for (const tool of ['node', 'npm', 'npx']) symlinkSync(realpathSync(path.join(nodeBin, tool)), path.join(bin, tool));
  return bin;
}

let napiJavaTarball;
let launcherTarball; // napi-java-<this platform>, which npm would fetch as napi-java's optional dependency once published
let addonTarball;

/** npm pack --json's result (npm prints prepack's output before the JSON). */
function pack(cwd) {
  const output = run('npm', ['pack', '--json', '--pack-destination', WORK], { cwd });
  return JSON.parse(output.slice(output.indexOf('[')))[0];
}

test('pack: npm pack of the napi-java package holds the runtime jars, no launcher and no AOT cache; the platform package holds the launcher', () => {
  const result = pack(LOADER);
  napiJavaTarball = path.join(WORK, result.filename);
  const files = result.files.map((f) => f.path);
  for (const file of ['index.js', 'platform.js', 'bin/napi-java.js', 'runtime/addon-api.jar', 'runtime/napi-bindings.jar', 'template/pom.xml']) {
    assert.ok(files.includes(file), `${file} in ${files}`);
  }
  assert.deepEqual(files.filter((f) => f.endsWith('.aot') || f.endsWith('.node') || f.startsWith('test/') || f.startsWith('npm/')), []);
  const launcher = pack(path.dirname(PLATFORM.repoLauncher()));
  launcherTarball = path.join(WORK, launcher.filename);
  assert.deepEqual(launcher.files.map((f) => f.path).sort(), ['napi_java.node', 'package.json']);
});

test('template: npx napi-java new makes a project', () => {
  run('npx', ['--yes', `--package=${napiJavaTarball}`, 'napi-java', 'new', 'my-addon', '--napi-java', `file:${napiJavaTarball}`]);
  for (const file of ['pom.xml', 'package.json', 'index.js', 'index.d.ts', 'README.md', '.gitignore', 'test/addon.test.mjs',
    'src/main/java/com/example/myaddon/MyAddon.java', 'src/main/resources/META-INF/services/dev.napijava.Addon']) {
    assert.ok(existsSync(path.join(PROJECT, file)), file);
  }
  assert.doesNotMatch(readFileSync(path.join(PROJECT, 'pom.xml'), 'utf8'), /\{\{/);
});

test('template: npm install, npm run build and npm test pass in the new project', () => {
  assert.ok(existsSync(M2), `no ${M2}: install napi-java's artifacts first (mvn -B install -DskipTests in the repository)`);
  run('npm', ['install', '--no-audit', '--no-fund'], { cwd: PROJECT });
  run('npm', ['install', '--no-audit', '--no-fund', '--no-save', launcherTarball], { cwd: PROJECT });
  run('npm', ['run', 'build'], { cwd: PROJECT });
  const output = run('npm', ['test'], { cwd: PROJECT });
  assert.match(output, /# pass 3/);
  assert.match(output, /# fail 0/);
});

test('pack: a Java dependency from Maven Central ships in the addon package', () => {
  const pom = path.join(PROJECT, 'pom.xml');
  const text = readFileSync(pom, 'utf8');
  const marker = 'ships them. -->\n';
  assert.ok(text.includes(marker), 'the template says where dependencies go');
  writeFileSync(pom, text.replace(marker, `${marker}    <dependency>
      <groupId>org.apache.commons</groupId>
      <artifactId>commons-text</artifactId>
      <version>1.12.0</version>
    </dependency>
`));
  const source = path.join(PROJECT, 'src/main/java/com/example/myaddon/MyAddon.java');
  writeFileSync(source, readFileSync(source, 'utf8').replace('exports.setFunction("add"',
    'exports.setFunction("capitalize", call -> org.apache.commons.text.WordUtils.capitalizeFully(call.string(0)), "text");\n    exports.setFunction("add"'));
  run('npm', ['run', 'build'], { cwd: PROJECT });
  const output = run('npm', ['run', 'package'], { cwd: PROJECT });
  addonTarball = path.join(PROJECT, 'my-addon-1.0.0.tgz');
  assert.ok(existsSync(addonTarball), output);
  for (const file of ['index.js', 'index.d.ts', 'target/my-addon.jar', 'target/lib/commons-text-1.12.0.jar', 'target/lib/commons-lang3-3.14.0.jar']) {
    assert.match(output, new RegExp(`^  ${file.replaceAll('.', '\\.')}$`, 'm'));
  }
  assert.doesNotMatch(output, /^ {2}(src|test)\//m, 'no sources or tests in the package');
  assert.doesNotMatch(output, /addon-api/, 'napi-java itself is not in the package');
});

test('pack: the addon installs into an empty folder and runs with no gcc, Maven or java on PATH', () => {
  const user = path.join(WORK, 'user');
  mkdirSync(user);
  writeFileSync(path.join(user, 'package.json'), '{ "name": "user", "private": true }\n');
  const env = { PATH: nodeOnlyPath(), HOME: process.env.HOME, NAPI_JAVA_CACHE_DIR: CACHE };
  const shell = spawnSync('/bin/sh', ['-c', 'command -v gcc || command -v mvn || command -v java'], { env, encoding: 'utf8' });
  assert.notEqual(shell.status, 0, `found ${shell.stdout}`);
  run('npm', ['install', '--no-audit', '--no-fund', napiJavaTarball, launcherTarball, addonTarball], { cwd: user, env });
  const manifest = JSON.parse(readFileSync(path.join(user, 'node_modules', 'my-addon', 'package.json'), 'utf8'));
  assert.equal(manifest.dependencies['napi-java'], `^${NAPI_JAVA.version}`, 'the package asks for a version of napi-java, not a local file');
  assert.equal(manifest.scripts, undefined, 'no build scripts in the package');
  const output = run('node', ['-e', `const a = require('my-addon');
    console.log(JSON.stringify([a.hello('Ada'), a.add(1, 2), a.capitalize('hello wORLD')]));`], { cwd: user, env });
  const [hello, sum, capitalized] = JSON.parse(output);
  assert.match(hello, /^Hello, Ada, from Java \d+$/);
  assert.equal(sum, 3);
  assert.equal(capitalized, 'Hello World', 'the dependency jars are on the addon class path');
});

test('pack: napi-java pack refuses a project that is not built', () => {
  rmSync(path.join(PROJECT, 'target'), { recursive: true, force: true });
  const result = spawnSync('npm', ['run', 'package'], { cwd: PROJECT, encoding: 'utf8' });
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /napi-java pack: missing target\/my-addon\.jar.*build first \(npm run build\)/);
});

test('pack: npm pack of an unbuilt napi-java package is refused', () => {
  const copy = path.join(WORK, 'unbuilt-loader');
  mkdirSync(path.join(copy, 'cli'), { recursive: true });
  for (const file of ['package.json', 'cli/check-built.js', 'index.js', 'platform.js']) writeFileSync(path.join(copy, file), readFileSync(path.join(LOADER, file)));
  const result = spawnSync('npm', ['pack', '--dry-run'], { cwd: copy, encoding: 'utf8' });
  assert.notEqual(result.status, 0, result.stdout);
  assert.match(result.stderr, /cannot pack an unbuilt loader: missing runtime\/addon-api\.jar, runtime\/napi-bindings\.jar/);
});

test.after(() => rmSync(WORK, { recursive: true, force: true }));
