'use strict';
// `napi-java pack`, run in an addon project made by `napi-java new`: checks that the build made
// everything the package lists (the addon jar and its dependency jars) and that napi-java is a
// dependency, then runs `npm pack`. The tarball installs with `npm install ./<name>-<version>.tgz`
// and needs no Maven and no compiler, only a JDK 25+ (found as napi-java's load() finds it).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

function packError(message) {
  return Object.assign(new Error(`napi-java pack: ${message}`), { code: 'ERR_NAPI_JAVA_PACK' });
}

exports.main = function main(args) {
  const dir = path.resolve(args[0] || '.');
  const manifest = path.join(dir, 'package.json');
  if (!fs.existsSync(manifest)) throw packError(`no package.json in ${dir}; run it in a project made by 'napi-java new'`);
  const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  if (!pkg.dependencies || !pkg.dependencies['napi-java']) {
    throw packError("napi-java must be in \"dependencies\" (not devDependencies): the package loads its jar with it");
  }
  const files = pkg.files || [];
  const jars = files.filter((f) => f.endsWith('.jar'));
  if (!jars.length) throw packError('"files" in package.json names no addon jar (e.g. "target/my-addon.jar")');
  const missing = files.filter((f) => !/[*?]/.test(f) && !fs.existsSync(path.join(dir, f)));
  if (missing.length) throw packError(`missing ${missing.join(', ')}: build first (npm run build)`);
  const main = path.join(dir, pkg.main || 'index.js');
  if (!fs.existsSync(main)) throw packError(`no ${path.relative(dir, main)} to load the addon`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const packed = spawnSync(npm, ['pack', '--json', '--pack-destination', dir], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (packed.status !== 0) throw packError(`npm pack failed (exit ${packed.status})`);
  const [result] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')));
  const names = result.files.map((f) => f.path);
  console.log(`napi-java pack: ${path.join(dir, result.filename)} (${result.files.length} files, ${(result.size / 1024).toFixed(0)} kB):`);
  for (const name of names) console.log(`  ${name}`);
  return 0;
};
