#!/usr/bin/env node
'use strict';
// The napi-java command: `npx napi-java <command>`. Run with no arguments for the list.
const path = require('node:path');

const COMMANDS = {
  new: ['new', 'new <name> [--package <java.package>]: makes a new addon project in ./<name>'],
  exports: ['exports', 'exports [<project folder>]: after the Maven build, writes index.mjs (ESM named exports) and the types from the @JsExport declarations'],
  pack: ['pack', 'pack [<project folder>]: checks the build and makes the npm package tarball of an addon project'],
  types: ['types', 'types <coordinates|jar|folder>... [-o <file.d.ts>] [--no-javadoc]: TypeScript declarations of Java libraries for napi-java/java'],
  aot: ['aot-cache', 'aot [--java-home <jdk>]: makes the start-up cache for this install and JDK now (else the first load() makes it in the background);\n' +
    '         aot --prune [--days <n>] [--keep <k>]: removes start-up caches unused for n days (30) and all but the k most recently used (8)'],
};

function usage(out = console.error) {
  out('usage: napi-java <command> [arguments]\n');
  for (const [name, [, what]] of Object.entries(COMMANDS)) out(`  ${name.padEnd(7)} ${what}`);
}

const [command, ...args] = process.argv.slice(2);
if (!command || command === '-h' || command === '--help') {
  usage(console.log);
  process.exit(command ? 0 : 1);
}
if (!COMMANDS[command]) {
  console.error(`napi-java: unknown command '${command}'\n`);
  usage();
  process.exit(1);
}
try {
  const code = require(path.join(__dirname, '..', 'cli', `${COMMANDS[command][0]}.js`)).main(args);
  Promise.resolve(code).then((c) => process.exit(c || 0), fail);
} catch (e) {
  fail(e);
}

function fail(e) {
  console.error(e && e.code && String(e.message).startsWith('napi-java') ? e.message : `napi-java ${command}: ${e && e.stack || e}`);
  process.exit(1);
}
