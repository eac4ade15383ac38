'use strict';
// `napi-java types <coordinates|jar|folder>... [-o file.d.ts]`: writes TypeScript declarations of
// the public classes of Java libraries, as napi-java/java shows them to JS (see
// docs/dynamic-bridge.md). Maven coordinates are resolved first, as classpath() does; the
// declarations cover the named entries and the jars they resolve to. The javadoc jars of the
// resolved jars are fetched too where they are published, and their descriptions become JSDoc;
// --no-javadoc skips them, and a jar without one only lacks the comments.
const fs = require('node:fs');
const path = require('node:path');

async function main(args) {
  let output;
  let javadoc = true;
  const entries = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-o' || args[i] === '--output') output = args[++i];
    else if (args[i] === '--no-javadoc') javadoc = false;
    else entries.push(args[i]);
  }
  if (!entries.length || (args.includes('-o') && !output)) {
    console.error('usage: napi-java types <coordinates|jar|folder>... [-o <file.d.ts>] [--no-javadoc]');
    return 1;
  }
  const { classpath, javadocJars } = require('../java.js');
  const cp = await classpath(entries);
  const docs = javadoc ? await javadocJars(cp.files) : [];
  const text = cp.declarations(docs);
  if (output) {
    fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
    fs.writeFileSync(output, text);
    console.error(`napi-java types: wrote ${output} (${cp.files.length} jars, ${docs.length} with javadoc)`);
  } else {
    process.stdout.write(text);
  }
  return 0;
}

module.exports = { main };
