// Prints the README's Node-API coverage table: each napi_*/node_api_* function of the bindings
// and the public classes of addon-api whose code calls it (a function only the runtime calls is
// listed with what uses it), or "not yet". Run after changing addon-api:
//   node .ci/napi-coverage.mjs
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

console.log('| Node-API function | Java API |\n|---|---|');
let covered = 0;
for (const fn of functions) {
  const word = new RegExp(`\\b${fn}\\b`);
  const users = files.filter((f) => word.test(f.text));
  const pub = users.filter((f) => !f.internal).map((f) => `\`${f.name}\``);
  const runtime = users.filter((f) => f.internal).map((f) => RUNTIME[f.name] || `runtime (${f.name})`);
  const api = [...new Set([...pub, ...runtime])].join(', ');
  if (api) covered++;
  console.log(`| \`${fn}\` | ${api || 'not yet'} |`);
}
console.log(`\n${covered} of ${functions.length} functions used.`);
