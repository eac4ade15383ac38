// The launcher must load on glibc 2.28 and newer: the symbol versions it asks of glibc are read
// from the built file (objdump -T), so a new libc call that needs a newer version fails here.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { LOADER } from './support.mjs';

const LAUNCHER = path.join(path.dirname(LOADER), 'prebuilds', `linux-${process.arch}`, 'napi_java.node');
const FLOOR = [2, 28];

function compare(a, b) {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] || 0) !== (b[i] || 0)) return (a[i] || 0) - (b[i] || 0);
  }
  return 0;
}

test('glibc: the launcher needs no GLIBC_ symbol version above 2.28', { skip: process.platform !== 'linux' && 'glibc is Linux\'s C library' }, () => {
  const dump = spawnSync('objdump', ['-T', LAUNCHER], { encoding: 'utf8' });
  assert.equal(dump.status, 0, `objdump -T ${LAUNCHER}: ${dump.error || dump.stderr}`);
  const needs = [...dump.stdout.matchAll(/\*UND\*\s+\S+\s+\(?(GLIBC_([\d.]+))\)?\s+(\S+)/g)]
    .map(([, version, number, symbol]) => ({ version, number: number.split('.').map(Number), symbol }));
  assert.ok(needs.length > 0, `no GLIBC_ symbols read from:\n${dump.stdout}`);
  const tooNew = needs.filter((n) => compare(n.number, FLOOR) > 0).map((n) => `${n.symbol}@${n.version}`);
  assert.deepEqual(tooNew, [], `symbols that need a glibc newer than ${FLOOR.join('.')}`);
});
