// Makes docs/napi-coverage.md: each napi_*/node_api_* function of the bindings and the public
// classes of addon-api whose code calls it (a function only the runtime calls is listed with what
// uses it), or "not yet".
//   node .ci/napi-coverage.mjs           # rewrites docs/napi-coverage.md
//   node .ci/napi-coverage.mjs --check   # fails when docs/napi-coverage.md is not what it would write (CI)
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bindings = readFileSync(path.join(root, 'napi-bindings/src/main/java/dev/napijava/bindings/NodeApi.java'), 'utf8');
const functions = [...new Set([...bindings.matchAll(/public static int ((?:napi|node_api)_\w+)\((?:MemorySegment|long|int) /g)].map((m) => m[1]))].sort();

/** Where the runtime (dev.napijava.internal) uses a function on behalf of the public API. */
const RUNTIME = {
  Call: 'CallInfo (argument checks)',
  Conversions: 'Java values returned to JS and CallInfo arguments',
  Critical: 'CallInfo, JsNumber, JsObject, JsRef, strings (fast paths)',
  Envs: 'Env, EnvLocal (per-env state, cleanup)',
  Errors: 'JsException, JsError (errors both ways)',
  Functions: 'JsObject.setFunction, JsCallback (functions made from Java)',
  Strings: 'Java strings both ways',
  JsQueue: 'Channel, ThreadsafeFunction',
  AsyncContext: 'AsyncTask, Channel, ThreadsafeFunction (async context of later callbacks)',
  NodeEnv: 'Env',
  Scope: 'HandleScope, EscapableHandleScope',
  Runtime: 'load() (addon entry)',
  Upcalls: 'upcalls from Node',
};

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.java') ? [path.join(dir, e.name)] : []);
}
const files = sources(path.join(root, 'addon-api/src/main/java')).map((file) => ({
  name: path.basename(file, '.java'),
  internal: file.includes(`${path.sep}internal${path.sep}`),
  text: readFileSync(file, 'utf8'),
}));

const { values: args } = parseArgs({ options: { check: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
if (args.help) {
  console.log('usage: node .ci/napi-coverage.mjs [--check]\n  writes docs/napi-coverage.md; --check only compares');
  process.exit(0);
}

const rows = [];
let covered = 0;
for (const fn of functions) {
  const word = new RegExp(`\\b${fn}\\b`);
  const users = files.filter((f) => word.test(f.text));
  const pub = users.filter((f) => !f.internal).map((f) => `\`${f.name}\``);
  const runtime = users.filter((f) => f.internal).map((f) => RUNTIME[f.name] || `runtime (${f.name})`);
  const api = [...new Set([...pub, ...runtime])].join(', ');
  if (api) covered++;
  rows.push(`| \`${fn}\` | ${api || 'not yet'} |`);
}
const page = `# Node-API coverage

Each Node-API function of the bindings (Node-API 9) and the Java API that calls it. This page is
made by \`node .ci/napi-coverage.mjs\` (run it when addon-api changes; CI checks that it is current).

${covered} of ${functions.length} functions are used by addon-api.

| Node-API function | Java API |
|---|---|
${rows.join('\n')}
`;
const out = path.join(root, 'docs', 'napi-coverage.md');
if (args.check) {
  let current = '';
  try {
    current = readFileSync(out, 'utf8');
  } catch {
    // missing: reported below
  }
  if (current !== page) {
    console.error('napi-coverage: docs/napi-coverage.md is out of date; run node .ci/napi-coverage.mjs and commit it');
    process.exit(1);
  }
  console.log(`napi-coverage: docs/napi-coverage.md is current (${covered} of ${functions.length} functions used)`);
} else {
  writeFileSync(out, page);
  console.log(`napi-coverage: wrote docs/napi-coverage.md (${covered} of ${functions.length} functions used)`);
}
