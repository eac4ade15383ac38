'use strict';
// `npm pack` / `npm publish` run this first (prepack), for napi-java itself and for each launcher
// package loader/npm/<triple> (napi-java-<triple>): it refuses to pack a tree that is not built,
// a launcher built for another platform, or versions that disagree, any of which would make a
// package that fails at load() or is never installed.
//   napi-java:            the runtime jars, napiJava.mavenVersion = pom.xml's version, and an
//                         optional dependency on every napi-java-<triple> at napi-java's version;
//   napi-java-<triple>:   napi_java.node present and built for that platform, version = napi-java's.
const fs = require('node:fs');
const path = require('node:path');
const { TRIPLES, LAUNCHER_FILE, launcherPackage } = require('../platform.js');

const root = path.join(__dirname, '..');
const napiJava = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

/**
 * The platform a native binary is built for, read from its header: { os, arch } for ELF
 * (linux), Mach-O (darwin) and PE (win32) files of x86-64 or arm64; undefined for anything else.
 */
function binaryPlatform(file) {
  const head = Buffer.alloc(4096);
  const fd = fs.openSync(file, 'r');
  let length;
  try {
    length = fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  const bytes = head.subarray(0, length);
  if (bytes.length >= 20 && bytes.readUInt32BE(0) === 0x7f454c46) { // ELF, little-endian machine field
    return { os: 'linux', arch: { 62: 'x64', 183: 'arm64' }[bytes.readUInt16LE(18)] };
  }
  if (bytes.length >= 8 && bytes.readUInt32LE(0) === 0xfeedfacf) { // 64-bit Mach-O
    return { os: 'darwin', arch: { 0x01000007: 'x64', 0x0100000c: 'arm64' }[bytes.readUInt32LE(4)] };
  }
  if (bytes.length >= 0x40 && bytes.toString('latin1', 0, 2) === 'MZ') {
    const pe = bytes.readUInt32LE(0x3c);
    if (pe + 6 <= bytes.length && bytes.toString('latin1', pe, pe + 4) === 'PE\0\0') {
      return { os: 'win32', arch: { 0x8664: 'x64', 0xaa64: 'arm64' }[bytes.readUInt16LE(pe + 4)] };
    }
  }
  return undefined;
}

/** The problems of the launcher package in `dir` (loader/npm/<triple>), as sentences; none when it can be packed. */
function launcherProblems(dir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const triple = path.basename(dir);
  const problems = [];
  if (manifest.name !== launcherPackage(triple)) problems.push(`its name is ${manifest.name}, expected ${launcherPackage(triple)}`);
  if (manifest.version !== napiJava.version) problems.push(`its version is ${manifest.version} but napi-java's is ${napiJava.version}`);
  const file = path.join(dir, LAUNCHER_FILE);
  if (!fs.existsSync(file)) {
    problems.push(`${LAUNCHER_FILE} is not built: loader/build.sh <jdk-home> ${triple}` +
      (triple === 'linux-x64-gnu' ? ' (or mvn -q -B package -DskipTests)' : ''));
  } else {
    const built = binaryPlatform(file);
    const [os, arch] = triple.split('-');
    if (!built || built.os !== os || built.arch !== arch) {
      problems.push(`${LAUNCHER_FILE} is built for ${built ? `${built.os}-${built.arch ?? 'an unknown architecture'}` : 'no known platform'}, not ${os}-${arch}`);
    }
  }
  return problems;
}

/** The problems of napi-java's own package, as sentences that say it cannot be packed. */
function napiJavaProblems() {
  const problems = [];
  const jars = [path.join('runtime', 'addon-api.jar'), path.join('runtime', 'napi-bindings.jar'), path.join('runtime', 'bridge.jar')];
  const missing = jars.filter((file) => !fs.existsSync(path.join(root, file)));
  if (missing.length) {
    problems.push(`cannot pack an unbuilt loader: missing ${missing.join(', ')}. ` +
      'Build it first from the repository root: mvn -q -B package -DskipTests');
  }
  // The Maven version that `napi-java new` writes into new projects must be the one this tree builds.
  const pom = path.join(root, '..', 'pom.xml');
  if (fs.existsSync(pom)) {
    const version = /<artifactId>napi-java-parent<\/artifactId>\s*<version>([^<]+)<\/version>/.exec(fs.readFileSync(pom, 'utf8'));
    if (version && version[1] !== napiJava.napiJava.mavenVersion) {
      problems.push(`cannot pack: package.json napiJava.mavenVersion is ${napiJava.napiJava.mavenVersion} but pom.xml builds ${version[1]}; make them equal`);
    }
  }
  const optional = napiJava.optionalDependencies || {};
  for (const triple of TRIPLES) {
    const name = launcherPackage(triple);
    if (optional[name] !== napiJava.version) {
      problems.push(`cannot pack: optionalDependencies must name ${name} at ${napiJava.version} (found ${optional[name] ?? 'nothing'})`);
    }
  }
  return problems;
}

function main() {
  const here = process.cwd();
  const own = JSON.parse(fs.readFileSync(path.join(here, 'package.json'), 'utf8')).name;
  const isLauncher = own !== napiJava.name;
  const problems = isLauncher ? launcherProblems(here).map((problem) => `cannot pack ${own}: ${problem}`) : napiJavaProblems();
  if (problems.length) {
    console.error(problems.map((problem) => `napi-java: ${problem}`).join('\n'));
    process.exit(1);
  }
}

module.exports = { binaryPlatform, launcherProblems, napiJavaProblems };
if (require.main === module) main();
