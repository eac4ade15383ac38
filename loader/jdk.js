'use strict';
// What napi-java needs from a JDK, where JDKs live on each platform, and what to tell someone who
// lacks one. Shared by index.js (which picks the JDK) and aot.js (which keys the start-up cache by
// it). Every function that depends on the platform takes it as a parameter (default: this
// process's), so that tests on one platform can check another's layout on fake JDK folders.
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const { triple } = require('./platform.js');

/** The runtime's class files are release 25 (class file version 69): older JDKs cannot load them. */
const MIN_JDK = 25;
const RUNTIME_DIR = path.join(__dirname, 'runtime');

/** Windows' folders under Program Files where JDK installers put their JDKs, one per vendor. */
const WINDOWS_VENDORS = ['Eclipse Adoptium', 'Java', 'Microsoft', 'Zulu', 'Amazon Corretto', 'BellSoft', 'OpenJDK',
  'Semeru', 'SapMachine\\JDK', 'AdoptOpenJDK'];

/**
 * Per platform (process.platform): where a JDK home keeps the JVM library, its `java` launcher,
 * the folders that usually hold JDKs (`folders(env, homedir)`: each entry of them is a candidate,
 * as is each of its `homeIn` subfolders: a macOS bundle keeps its home in Contents/Home, a scoop
 * app in `current`; `only` keeps the entries of a folder that holds other things too, such as
 * Homebrew's opt/), the separator of PATH, and how to install a JDK.
 */
const PLATFORMS = {
  linux: {
    libjvm: ['lib', 'server', 'libjvm.so'],
    java: 'java',
    pathSeparator: ':',
    homeIn: [],
    folders: (env, home) => ['/usr/lib/jvm', '/usr/java', '/opt/java',
      path.join(home, '.sdkman', 'candidates', 'java'), path.join(home, '.jdks')],
    install: (url) => `'apt-get install openjdk-${MIN_JDK}-jdk' where your distribution packages it ` +
      `(Debian 12 does not), else Temurin ${MIN_JDK}: mkdir -p ~/.jdks && curl -L ${url} | tar xz -C ~/.jdks ` +
      '(napi-java looks there by itself)',
  },
  darwin: {
    libjvm: ['lib', 'server', 'libjvm.dylib'],
    java: 'java',
    pathSeparator: ':',
    homeIn: [path.join('Contents', 'Home'), path.join('libexec', 'openjdk.jdk', 'Contents', 'Home')],
    folders: (env, home) => ['/Library/Java/JavaVirtualMachines', path.join(home, 'Library', 'Java', 'JavaVirtualMachines'),
      '/opt/homebrew/opt', '/usr/local/opt', path.join(home, '.sdkman', 'candidates', 'java'), path.join(home, '.jdks')],
    only: { '/opt/homebrew/opt': /^openjdk/, '/usr/local/opt': /^openjdk/ },
    install: (url) => `Temurin ${MIN_JDK} from Homebrew ('brew install --cask temurin@${MIN_JDK}') or ${url} ` +
      '(a .pkg installs it in /Library/Java/JavaVirtualMachines, where napi-java looks by itself)',
  },
  win32: {
    libjvm: ['bin', 'server', 'jvm.dll'],
    java: 'java.exe',
    pathSeparator: ';',
    homeIn: ['current'],
    folders: (env, home) => {
      const named = [...new Set([env.ProgramW6432, env.ProgramFiles].filter(Boolean))];
      const roots = named.length ? named : ['C:\\Program Files'];
      const user = env.LOCALAPPDATA ? [path.join(env.LOCALAPPDATA, 'Programs', 'Eclipse Adoptium')] : [];
      return [...roots.flatMap((root) => WINDOWS_VENDORS.map((vendor) => path.join(root, ...vendor.split('\\')))), ...user,
        path.join(home, '.jdks'), path.join(home, 'scoop', 'apps')];
    },
    install: (url) => `Temurin ${MIN_JDK}: 'winget install EclipseAdoptium.Temurin.${MIN_JDK}.JDK' or ${url} ` +
      '(its installer puts it in Program Files\\Eclipse Adoptium, where napi-java looks by itself)',
  },
};

function platformOf(platform) {
  return PLATFORMS[platform] || PLATFORMS.linux;
}

/** The major version in `<home>/release`, or undefined when `home` is no JDK. */
function jdkVersion(home) {
  try {
    const release = fs.readFileSync(path.join(home, 'release'), 'utf8');
    const match = /^JAVA_VERSION="(\d+)/m.exec(release);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** The modules of the Java runtime at `home` (its `release` file's MODULES), or undefined when it does not list them. */
function imageModules(home) {
  let release;
  try {
    release = fs.readFileSync(path.join(home, 'release'), 'utf8');
  } catch {
    return undefined;
  }
  const match = /^MODULES="([^"]*)"/m.exec(release);
  return match ? match[1].split(/\s+/).filter(Boolean) : undefined;
}

/**
 * The modules that napi-java's runtime jars require and the Java runtime at `home` lacks (a JVM
 * without them would end the process as it starts): [] when its release file lists none, and at
 * once when it has java.se, which requires every module the runtime jars require (a test keeps
 * that true); else the jars' descriptors are read (modules.js, loaded only then).
 */
function missingModules(home, dir = RUNTIME_DIR) {
  const has = imageModules(home);
  if (!has || has.includes('java.se')) return [];
  return require('./modules.js').requiredModules(dir).filter((m) => !has.includes(m));
}

/** The JDK's architecture as Node names it (process.arch), from OS_ARCH in `<home>/release`. */
const OS_ARCH = { x86_64: 'x64', amd64: 'x64', aarch64: 'arm64', arm64: 'arm64', x86: 'ia32', i386: 'ia32', i586: 'ia32', i686: 'ia32' };

/**
 * The architecture of the JDK at `home`, as a process.arch name ('x64', 'arm64', ...), its raw
 * OS_ARCH when Node has no name for it, or undefined when the release file does not say. The
 * JVM is loaded into the Node process, so its architecture must be the process's.
 */
function jdkArch(home) {
  try {
    const release = fs.readFileSync(path.join(home, 'release'), 'utf8');
    const match = /^OS_ARCH="([^"]+)"/m.exec(release);
    return match ? OS_ARCH[match[1]] || match[1] : undefined;
  } catch {
    return undefined;
  }
}

/** The JVM library of the JDK at `home` (lib/server/libjvm.so, lib/server/libjvm.dylib, bin/server/jvm.dll) when it exists. */
function libjvm(home, platform = process.platform) {
  const file = path.join(home, ...platformOf(platform).libjvm);
  return fs.existsSync(file) ? file : undefined;
}

/** Where libjvm lies in a JDK home on `platform`, for messages: lib/server/libjvm.so and so on. */
function libjvmInHome(platform = process.platform) {
  return platformOf(platform).libjvm.join('/');
}

/** The `java` launcher of the JDK at `home`. */
function javaExecutable(home, platform = process.platform) {
  return path.join(home, 'bin', platformOf(platform).java);
}

/** The folders whose entries may be JDKs: NAPI_JAVA_JDK_DIRS when set, else the platform's usual ones. */
function searchFolders({ platform = process.platform, env = process.env, homedir = os.homedir() } = {}) {
  if (env.NAPI_JAVA_JDK_DIRS !== undefined) {
    return env.NAPI_JAVA_JDK_DIRS.split(path.delimiter).filter(Boolean);
  }
  return platformOf(platform).folders(env, homedir);
}

/** The JDK home of the `java` first on PATH (links resolved), when there is one. */
function javaOnPath({ platform = process.platform, env = process.env } = {}) {
  const { java, pathSeparator } = platformOf(platform);
  for (const dir of (env.PATH || env.Path || '').split(pathSeparator).filter(Boolean)) {
    try {
      return path.dirname(path.dirname(fs.realpathSync(path.join(dir, java))));
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

function listDirs(dir, only) {
  try {
    return fs.readdirSync(dir).filter((name) => !only || only.test(name)).map((name) => path.join(dir, name)).sort();
  } catch {
    return [];
  }
}

/**
 * The folders that may be JDK homes, in the order they are preferred: JAVA_HOME, the JDK of
 * `java` on PATH, then each entry of the search folders (and its `homeIn` subfolders that exist).
 * Not checked: the caller reads each one's release file and libjvm.
 */
function candidateHomes({ platform = process.platform, env = process.env, homedir = os.homedir() } = {}) {
  const candidates = [];
  if (env.JAVA_HOME) candidates.push(env.JAVA_HOME);
  const onPath = javaOnPath({ platform, env });
  if (onPath) candidates.push(onPath);
  const { homeIn, only = {} } = platformOf(platform);
  for (const folder of searchFolders({ platform, env, homedir })) {
    for (const entry of listDirs(folder, only[folder])) {
      candidates.push(entry);
      for (const inner of homeIn) {
        const home = path.join(entry, inner);
        if (fs.existsSync(home)) candidates.push(home);
      }
    }
  }
  return candidates;
}

/**
 * What to do without a suitable JDK on `platform`, in commands that work there (on Linux also on
 * Debian 12, which packages no JDK 25: `apt-cache policy openjdk-25-jdk` finds nothing there).
 */
function installHint(platform = process.platform, arch = process.arch) {
  const osName = { linux: 'linux', darwin: 'mac', win32: 'windows' }[platform] || 'linux';
  const cpu = { x64: 'x64', arm64: 'aarch64' }[arch] || arch;
  const url = `https://api.adoptium.net/v3/binary/latest/${MIN_JDK}/ga/${osName}/${cpu}/jdk/hotspot/normal/eclipse`;
  return `Install a JDK ${MIN_JDK} or newer: ${platformOf(platform).install(url)}; ` +
    'or name a JDK with load(jar, { javaHome }) or NAPI_JAVA_HOME, or the folders holding JDKs with NAPI_JAVA_JDK_DIRS; ' +
    `or install no JDK but the Java runtime package napi-java-runtime-${triple(platform, arch)} beside napi-java ` +
    "(made by napi-java's loader/jlink/build.sh; load() uses it by itself).";
}

module.exports = {
  MIN_JDK, RUNTIME_DIR, PLATFORMS, candidateHomes, imageModules, installHint, javaExecutable, javaOnPath, jdkArch, jdkVersion,
  libjvm, libjvmInHome, missingModules, searchFolders,
};
