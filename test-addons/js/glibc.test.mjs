// Every built Linux launcher must load on the oldest glibc its package promises (napiJava.glibc
// in loader/npm/<triple>/package.json: 2.28 on x64, 2.17 on arm64, the first glibc of arm64):
// the symbol versions it asks of glibc are read from the built file (objdump -T, which reads
// aarch64 files too), so a new libc call that needs a newer version fails here. The cross-built
// arm64 launcher must also export the same entry points and need the same libraries as this
// machine's own, which Node loads and the other tests run.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { platform } from './support.mjs';

const HOST = platform.triple();
const { binaryPlatform } = createRequire(import.meta.url)('../../loader/cli/check-built.js');

function compare(a, b) {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] || 0) !== (b[i] || 0)) return (a[i] || 0) - (b[i] || 0);
  }
  return 0;
}

function objdump(flag, file) {
  const dump = spawnSync('objdump', [flag, file], { encoding: 'utf8' });
  assert.equal(dump.status, 0, `objdump ${flag} ${file}: ${dump.error || dump.stderr}`);
  return dump.stdout;
}

/** The launcher's dynamic symbols: what it needs from glibc, what it exports, the libraries it needs. */
function dynamicOf(file) {
  const symbols = objdump('-T', file);
  const needs = [...symbols.matchAll(/\*UND\*\s+\S+\s+\(?(GLIBC_([\d.]+))\)?\s+(\S+)/g)]
    .map(([, version, number, symbol]) => ({ version, number: number.split('.').map(Number), symbol }));
  const exported = [...symbols.matchAll(/^\S+\s+g\s+DF\s+\.text\s+\S+\s+\S+\s+(\S+)$/gm)].map(([, name]) => name).sort();
  const libraries = [...objdump('-p', file).matchAll(/^\s+NEEDED\s+(\S+)$/gm)].map(([, name]) => name).sort();
  return { needs, exported, libraries };
}

const LINUX = platform.TRIPLES.filter((triple) => triple.startsWith('linux-'));

for (const triple of LINUX) {
  const file = platform.repoLauncher(triple);
  const manifest = JSON.parse(readFileSync(path.join(path.dirname(file), 'package.json'), 'utf8'));
  const floor = manifest.napiJava.glibc.split('.').map(Number);
  // This machine's launcher is always built; another one only when its cross-compiler was found.
  const skip = (process.platform !== 'linux' && 'glibc is Linux\'s C library (objdump reads ELF files)') ||
    (triple !== HOST && !existsSync(file) && `${triple} not built (mvn package builds it when its cross-compiler is on PATH)`);

  test(`glibc: the ${triple} launcher needs no GLIBC_ symbol version above ${manifest.napiJava.glibc}`, { skip }, () => {
    const { needs } = dynamicOf(file);
    assert.ok(needs.length > 0, `no GLIBC_ symbols read from ${file}`);
    const tooNew = needs.filter((n) => compare(n.number, floor) > 0).map((n) => `${n.symbol}@${n.version}`);
    assert.deepEqual(tooNew, [], `symbols of ${file} that need a glibc newer than ${floor.join('.')}`);
  });
}

const ARM64 = platform.repoLauncher('linux-arm64-gnu');
test('glibc arm64: the linux-arm64-gnu launcher is an aarch64 binary with the entry points and libraries of this machine\'s own',
  { skip: (HOST === 'linux-arm64-gnu' || !existsSync(ARM64)) && 'no cross-built arm64 launcher here' }, () => {
    assert.deepEqual(binaryPlatform(ARM64), { os: 'linux', arch: 'arm64' }, 'its ELF header names aarch64');
    const arm64 = dynamicOf(ARM64);
    const host = dynamicOf(platform.repoLauncher(HOST));
    assert.deepEqual(arm64.exported, host.exported);
    assert.ok(arm64.exported.includes('napi_register_module_v1'), arm64.exported.join(', '));
    assert.deepEqual(arm64.libraries, host.libraries);
    assert.deepEqual(arm64.needs.map((n) => n.symbol).sort(), host.needs.map((n) => n.symbol).sort());
  });
