'use strict';
// `napi-java aot [--java-home <jdk>]`: makes the start-up cache now (see ../aot.js).
// `napi-java aot --prune [--days <n>] [--keep <k>]`: removes the caches unused for more than n days
// (30) and all but the k most recently used (8), as a new cache's maker does by itself.
const aot = require('../aot.js');

function usageError(message) {
  return Object.assign(new Error(`napi-java aot: ${message}\nusage: napi-java aot [--java-home <jdk>] | napi-java aot --prune [--days <n>] [--keep <k>]`),
    { code: 'ERR_NAPI_JAVA_USAGE' });
}

function count(args, name, fallback) {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(args[at + 1]);
  if (!Number.isInteger(value) || value < 0) throw usageError(`${name} needs a whole number, got ${args[at + 1] === undefined ? 'nothing' : `'${args[at + 1]}'`}`);
  return value;
}

function prune(args) {
  const days = count(args, '--days', aot.KEEP_DAYS);
  const keep = count(args, '--keep', aot.KEEP_COUNT);
  const { removed, bytes } = aot.prune({ days, keep });
  for (const file of removed) console.log(`removed ${file}`);
  console.error(`napi-java aot --prune: removed ${removed.length} file${removed.length === 1 ? '' : 's'} ` +
    `(${(bytes / 1e6).toFixed(1)} MB) from ${aot.cacheDir()}; kept caches used in the last ${days} days, at most ${keep}`);
  return 0;
}

exports.main = function main(args) {
  if (args.includes('--prune')) return prune(args);
  const at = args.indexOf('--java-home');
  const home = require('../index.js').findJavaHome(at >= 0 ? { javaHome: args[at + 1] } : {});
  const file = aot.cacheFile(home);
  const result = aot.make(home, file);
  if (!result.ok) {
    console.error(`napi-java aot: no cache (${result.reason}); start-up will be slower`);
    return 1;
  }
  console.error(`napi-java aot: wrote ${file} for ${home}`);
  return 0;
};
