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

/**
 * The package.json of the packed addon: the project's, without its build scripts and dev
 * dependencies, and with napi-java as a version range when the project used a local file of it.
 */
function endUserManifest(pkg, dir) {
  const { scripts, devDependencies, ...manifest } = pkg;
  const spec = pkg.dependencies['napi-java'];
  if (/^(file|link):|^[./]/.test(spec)) {
    let version = require('../package.json').version;
    try {
      version = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', 'napi-java', 'package.json'), 'utf8')).version;
    } catch {
      // not installed in the project: this napi-java's version
    }
    manifest.dependencies = { ...pkg.dependencies, 'napi-java': `^${version}` };
    console.log(`napi-java pack: the package depends on napi-java ^${version} (the project uses ${spec})`);
  }
  return manifest;
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
  // Folders (ending in /) are optional: target/lib/ exists only when the addon has dependencies.
  const missing = files.filter((f) => !/[*?]/.test(f) && !f.endsWith('/') && !fs.existsSync(path.join(dir, f)));
  if (missing.length) throw packError(`missing ${missing.join(', ')}: build first (npm run build)`);
  const main = path.join(dir, pkg.main || 'index.js');
  if (!fs.existsSync(main)) throw packError(`no ${path.relative(dir, main)} to load the addon`);
  // Windows: npm is npm.cmd, which Node (18.20.2+, 20.12.2+) runs only through a shell, with quoted arguments.
  const windows = process.platform === 'win32';
  const run = (cwd, npmArgs) => {
    const result = spawnSync(windows ? 'npm.cmd' : 'npm', windows ? npmArgs.map((arg) => `"${arg}"`) : npmArgs,
      { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], shell: windows });
    if (result.status !== 0) throw packError(`npm ${npmArgs.join(' ')} failed (exit ${result.status})`);
    return JSON.parse(result.stdout.slice(result.stdout.indexOf('[')))[0];
  };
  // The files npm would pack, copied to a staging folder with the package.json an end user needs.
  const listed = run(dir, ['pack', '--dry-run', '--json', '--ignore-scripts']).files.map((f) => f.path);
  const stage = path.join(dir, 'target', 'npm-package');
  fs.rmSync(stage, { recursive: true, force: true });
  for (const file of listed) {
    fs.mkdirSync(path.dirname(path.join(stage, file)), { recursive: true });
    fs.copyFileSync(path.join(dir, file), path.join(stage, file));
  }
  fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify(endUserManifest(pkg, dir), null, 2) + '\n');
  const result = run(stage, ['pack', '--json', '--pack-destination', dir]);
  console.log(`napi-java pack: ${path.join(dir, result.filename)} (${result.files.length} files, ${(result.size / 1024).toFixed(0)} kB):`);
  for (const file of result.files) console.log(`  ${file.path}`);
  return 0;
};
