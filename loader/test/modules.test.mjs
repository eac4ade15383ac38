// loader/modules.js: the Java modules that napi-java's runtime jars require (read from their
// module descriptors with the file's own inflater), and jdk.js: which of them a Java runtime lacks.
// Needs the built runtime jars (mvn package) and a JDK 25+.
//   node --test loader/test/modules.test.mjs
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const require = createRequire(import.meta.url);
const LOADER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNTIME = path.join(LOADER, 'runtime');
const modules = require(path.join(LOADER, 'modules.js'));
const jdk = require(path.join(LOADER, 'jdk.js'));
const JDK = require(LOADER).findJavaHome();
const WORK = mkdtempSync(path.join(os.tmpdir(), 'napi-java-modules-'));

test('modules: the inflater decodes what zlib deflates, with every block type', () => {
  const inputs = [Buffer.alloc(0), Buffer.from('a'), randomBytes(70_000), Buffer.from('abcabcabd'.repeat(9000)),
    Buffer.from(randomBytes(30_000).toString('base64'))];
  const strategies = [zlib.constants.Z_DEFAULT_STRATEGY, zlib.constants.Z_FIXED, zlib.constants.Z_HUFFMAN_ONLY, zlib.constants.Z_RLE];
  let count = 0;
  for (const input of inputs) {
    for (const level of [0, 1, 6, 9]) {
      for (const strategy of strategies) {
        const output = modules.inflateRaw(zlib.deflateRawSync(input, { level, strategy }), input.length);
        assert.ok(output.equals(input), `level ${level}, strategy ${strategy}, ${input.length} bytes`);
        count++;
      }
    }
  }
  assert.equal(count, 80);
  const deflated = zlib.deflateRawSync(Buffer.from('hello hello hello'));
  assert.throws(() => modules.inflateRaw(deflated.subarray(0, deflated.length - 2), 17), /corrupt DEFLATE data/);
  assert.throws(() => modules.inflateRaw(deflated, 5), /longer than announced/);
});

test('modules: the descriptors of the runtime jars read as the JDK reads them', () => {
  for (const jar of ['addon-api.jar', 'napi-bindings.jar']) {
    const file = path.join(RUNTIME, jar);
    const described = spawnSync(path.join(JDK, 'bin', 'jar'), ['--describe-module', '--file', file], { encoding: 'utf8' });
    assert.equal(described.status, 0, described.stderr);
    const name = /^(\S+?)@/m.exec(described.stdout)[1];
    const requires = [...described.stdout.matchAll(/^requires (\S+)(.*)$/gm)].filter(([, , flags]) => !/static/.test(flags)).map(([, m]) => m);
    const descriptor = modules.moduleDescriptor(modules.zipEntry(file, 'module-info.class'));
    assert.equal(descriptor.name, name);
    assert.deepEqual([...descriptor.requires].sort(), requires.sort(), jar);
  }
  assert.equal(modules.zipEntry(path.join(RUNTIME, 'addon-api.jar'), 'no/such/entry'), undefined);
});

test('modules: the runtime requires what jdeps finds, all within java.se (which lets a full JDK skip the jars)', () => {
  const required = modules.requiredModules();
  assert.ok(required.includes('java.base') && required.includes('java.management'), required.join());
  assert.ok(!required.some((m) => m.startsWith('dev.napijava')), 'the runtime\'s own modules are not required of the JDK');
  const jdeps = spawnSync(path.join(JDK, 'bin', 'jdeps'), ['--print-module-deps', '--ignore-missing-deps', '--module-path', RUNTIME,
    path.join(RUNTIME, 'addon-api.jar'), path.join(RUNTIME, 'napi-bindings.jar')], { encoding: 'utf8' });
  assert.equal(jdeps.status, 0, jdeps.stderr);
  for (const module of jdeps.stdout.trim().split(',')) assert.ok(required.includes(module), `${module} (jdeps) in ${required}`);
  const javaSe = spawnSync(path.join(JDK, 'bin', 'java'), ['--describe-module', 'java.se'], { encoding: 'utf8' });
  const inJavaSe = new Set(['java.base', ...[...javaSe.stdout.matchAll(/^requires (\S+)/gm)].map(([, m]) => m)]);
  for (const module of required) assert.ok(inJavaSe.has(module), `${module} is in java.se: else missingModules() must read the jars for full JDKs too`);
});

test('modules: jdk.js missingModules() reads what a runtime has from its release file', () => {
  const image = (name, release) => {
    const home = path.join(WORK, name);
    mkdirSync(home);
    if (release !== undefined) writeFileSync(path.join(home, 'release'), release);
    return home;
  };
  assert.deepEqual(jdk.missingModules(JDK), []);
  assert.deepEqual(jdk.missingModules(image('base-only', 'JAVA_VERSION="25"\nMODULES="java.base jdk.zipfs"\n')), ['java.management']);
  assert.deepEqual(jdk.missingModules(image('enough', `JAVA_VERSION="25"\nMODULES="${modules.requiredModules().join(' ')}"\n`)), []);
  assert.deepEqual(jdk.missingModules(image('unlisted', 'JAVA_VERSION="25"\n')), [], 'no MODULES line: nothing known to lack');
  assert.deepEqual(jdk.missingModules(image('none')), []);
  assert.deepEqual(jdk.imageModules(path.join(WORK, 'base-only')), ['java.base', 'jdk.zipfs']);
});

test('modules: with a full JDK the loader does not load modules.js (start-up)', () => {
  const script = `require(${JSON.stringify(LOADER)}).findJavaHome({ javaHome: ${JSON.stringify(JDK)} });
    console.log(Object.keys(require.cache).some((f) => f.endsWith('modules.js')));`;
  const { NODE_TEST_CONTEXT, ...env } = process.env;
  const child = spawnSync(process.execPath, ['-e', script], { env, encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  assert.equal(child.stdout.trim(), 'false');
});

test.after(() => rmSync(WORK, { recursive: true, force: true }));
