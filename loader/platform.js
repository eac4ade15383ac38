'use strict';
// Which platform this process runs on, in napi-java's names (triples such as linux-x64-gnu), and
// where its launcher is: the npm package napi-java-<triple> (an optional dependency of napi-java,
// which npm installs only on the platform it names), else the development checkout's
// loader/npm/<triple>/napi_java.node (what loader/build.sh writes). Every path to a launcher goes
// through this file; loader/build.sh asks it too (`node platform.js [triple [--file]]`).
const fs = require('node:fs');
const path = require('node:path');

/** The platforms napi-java builds launchers for, each shipped as the npm package napi-java-<triple>. */
const TRIPLES = Object.freeze(['linux-x64-gnu', 'linux-arm64-gnu', 'darwin-x64', 'darwin-arm64', 'win32-x64']);
const LAUNCHER_FILE = 'napi_java.node';
const PACKAGES_DIR = path.join(__dirname, 'npm');

let libcOfProcess;

/**
 * The C library of this process on Linux: 'glibc' or 'musl'. Read from the libraries mapped into
 * the process (/proc/self/maps, well under a millisecond), so it is the libc that this Node
 * actually uses, not one that merely lies on the disk; without procfs, from Node's own report
 * (tens of milliseconds, and only then).
 */
function linuxLibc() {
  if (libcOfProcess) return libcOfProcess;
  let maps;
  try {
    maps = fs.readFileSync('/proc/self/maps', 'utf8');
  } catch {
    maps = undefined;
  }
  if (maps !== undefined && /\/(?:ld-musl-[^/\s]*|libc\.musl-[^/\s]*)$/m.test(maps)) libcOfProcess = 'musl';
  else if (maps !== undefined && /\/(?:libc\.so\.6|ld-linux[^/\s]*)$/m.test(maps)) libcOfProcess = 'glibc';
  else {
    const report = process.report?.getReport?.();
    libcOfProcess = report?.header?.glibcVersionRuntime ? 'glibc' : 'musl';
  }
  return libcOfProcess;
}

/**
 * The triple of a platform: `<os>-<arch>` plus, on Linux, `-gnu` (glibc) or `-musl`. The
 * arguments default to this process's; a triple is returned even where napi-java has no launcher
 * (check it with TRIPLES).
 */
function triple(platform = process.platform, arch = process.arch, libc = platform === 'linux' ? linuxLibc() : undefined) {
  if (platform !== 'linux') return `${platform}-${arch}`;
  return `${platform}-${arch}-${libc === 'musl' ? 'musl' : 'gnu'}`;
}

/** The npm package that ships the launcher of `t`. */
function launcherPackage(t = triple()) {
  return `napi-java-${t}`;
}

/** Where loader/build.sh writes the launcher of `t` in a development checkout. */
function repoLauncher(t = triple()) {
  return path.join(PACKAGES_DIR, t, LAUNCHER_FILE);
}

/** The launcher in the installed npm package of `t`, or undefined when the package is not installed. */
function installedLauncher(t, from = __dirname) {
  let manifest;
  try {
    manifest = require.resolve(`${launcherPackage(t)}/package.json`, { paths: [from] });
  } catch {
    return undefined;
  }
  return path.join(path.dirname(manifest), LAUNCHER_FILE);
}

function noLauncher(message) {
  const error = new Error(`napi-java: ${message}`);
  error.code = 'ERR_NAPI_JAVA_NO_LAUNCHER';
  return error;
}

/** A platform in words, for error messages. */
function describe(platform, arch, libc) {
  return `${platform} on ${arch}${libc ? ` with ${libc}` : ''}, Node ${process.version}`;
}

/**
 * The launcher for this process (or for the platform given: the tests ask for others): the
 * installed package napi-java-<triple>, resolved from `from` (default: this folder, as Node
 * resolves napi-java's own dependencies), else the development checkout's
 * loader/npm/<triple>/napi_java.node. Throws ERR_NAPI_JAVA_NO_LAUNCHER, naming the platform,
 * the platforms that have launchers and how to get or build one, when neither exists.
 */
function launcherPath({ platform = process.platform, arch = process.arch, libc = platform === 'linux' ? linuxLibc() : undefined, from = __dirname } = {}) {
  const t = triple(platform, arch, libc);
  const running = `${t} (${describe(platform, arch, libc)})`;
  const known = TRIPLES.join(', ');
  if (t.endsWith('-musl')) {
    throw noLauncher(`musl is not supported: the platform is ${running}, but napi-java's Linux launchers are built for ` +
      `glibc; launchers exist for ${known}. Use a glibc-based system or image (Debian, Ubuntu, Fedora; ` +
      'node:<version>-bookworm-slim rather than node:<version>-alpine).');
  }
  if (!TRIPLES.includes(t)) {
    throw noLauncher(`no launcher for ${running}: launchers exist for ${known} only. ` +
      'A new platform needs a branch in loader/build.sh (and possibly a port of loader/src/main/c/napi_java.c).');
  }
  const installed = installedLauncher(t, from);
  if (installed && fs.existsSync(installed)) return installed;
  const repo = repoLauncher(t);
  if (fs.existsSync(repo)) return repo;
  const name = `${launcherPackage(t)}@${ownVersion()}`;
  const problem = installed ? `the npm package ${name} is installed without its ${LAUNCHER_FILE} (${installed})`
    : `the npm package ${name}, an optional dependency of napi-java, is not installed`;
  const checkout = fs.existsSync(path.join(path.dirname(repo), 'package.json'))
    ? ` This is a checkout of napi-java without ${repo}: build it with loader/build.sh <jdk-home> ${t} (mvn package builds this machine's).`
    : ` Reinstall without --omit=optional (or --no-optional), or install ${name} yourself; if npm finds no such package, ` +
      `this version of napi-java has no launcher published for ${t}. A checkout of napi-java builds one with loader/build.sh <jdk-home> ${t}.`;
  throw noLauncher(`no launcher for ${running}: ${problem}.${checkout} Launchers exist for ${known}.`);
}

/** napi-java's version (the launcher packages have the same). */
function ownVersion() {
  try {
    return JSON.parse(fs.readFileSync(path.join(__dirname, 'package.json'), 'utf8')).version;
  } catch {
    return 'its version';
  }
}

module.exports = { TRIPLES, LAUNCHER_FILE, triple, linuxLibc, launcherPackage, repoLauncher, launcherPath };

// `node platform.js` prints this machine's triple, `node platform.js <triple> --file` where
// loader/build.sh writes the launcher of that triple (loader/build.sh uses both).
if (require.main === module) {
  const [t = triple(), flag] = process.argv.slice(2);
  if (!TRIPLES.includes(t)) {
    console.error(`platform.js: unknown platform ${t}; known: ${TRIPLES.join(', ')}`);
    process.exit(2);
  }
  console.log(flag === '--file' ? repoLauncher(t) : t);
}
