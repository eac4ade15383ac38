'use strict';
// `napi-java types <coordinates|jar|folder>... [-o file.d.ts]`: writes TypeScript declarations of
// the public classes of Java libraries, as napi-java/java shows them to JS (see
// docs/dynamic-bridge.md). Maven coordinates are resolved first, as classpath() does; the
// declarations cover the named entries and the jars they resolve to.
const fs = require('node:fs');
const path = require('node:path');

async function main(args) {
  let output;
  const entries = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-o' || args[i] === '--output') output = args[++i];
    else entries.push(args[i]);
  }
  if (!entries.length || (args.includes('-o') && !output)) {
    console.error('usage: napi-java types <coordinates|jar|folder>... [-o <file.d.ts>]');
    return 1;
  }
  const { classpath } = require('../java.js');
  const cp = await classpath(entries);
  const text = cp.declarations();
  if (output) {
    fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
    fs.writeFileSync(output, text);
    console.error(`napi-java types: wrote ${output} (${cp.files.length} jars)`);
  } else {
    process.stdout.write(text);
  }
  return 0;
}

module.exports = { main };
