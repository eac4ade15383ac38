'use strict';
// `napi-java aot [--java-home <jdk>]`: makes the start-up cache now (see ../aot.js).
const aot = require('../aot.js');
const { findJavaHome } = require('../index.js');

exports.main = function main(args) {
  const at = args.indexOf('--java-home');
  const home = findJavaHome(at >= 0 ? { javaHome: args[at + 1] } : {});
  const file = aot.cacheFile(home);
  const result = aot.make(home, file);
  if (!result.ok) {
    console.error(`napi-java aot: no cache (${result.reason}); start-up will be slower`);
    return 1;
  }
  console.error(`napi-java aot: wrote ${file} for ${home}`);
  return 0;
};
