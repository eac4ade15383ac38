// The macOS and Windows launchers, cross-built here by loader/build.sh (zig cc for darwin-x64 and
// darwin-arm64, mingw-w64 for win32-x64) and read back as Node would see them: the binary format
// and architecture, the module init symbols Node looks for, and imports limited to what the
// launcher needs (Node-API from the host executable, the C library and the OS, never the JVM,
// which it loads at run time). The Mach-O and PE readers are below: no Mach-O tool is needed.
// A triple whose compiler is not on this machine is skipped with the reason.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const LOADER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HEADERS = path.join(LOADER, '..', 'napi-bindings', 'node_modules', 'node-api-headers');
const OUT = mkdtempSync(path.join(os.tmpdir(), 'napi-java-launchers-'));
after(() => rmSync(OUT, { recursive: true, force: true }));

/** The module init symbols of a Node-API addon (NAPI_MODULE_INIT), as Node looks them up. */
const MODULE_SYMBOLS = ['napi_register_module_v1', 'node_api_module_get_api_version_v1'];

function onPath(command) {
  return spawnSync(process.platform === 'win32' ? 'where' : 'which', [command], { encoding: 'utf8' }).status === 0;
}

/** Why `triple` cannot be built on this machine, or undefined when it can. */
function missingCompiler(triple) {
  if (triple === 'win32-x64') {
    return (onPath('x86_64-w64-mingw32-gcc') || process.platform === 'win32') ? undefined
      : 'no x86_64-w64-mingw32-gcc on PATH (Debian: apt-get install gcc-mingw-w64-x86-64)';
  }
  if (process.platform === 'darwin') return undefined; // the system's cc
  if (process.platform === 'linux' && process.arch === 'x64') return undefined; // build.sh installs loader/cross's zig
  return `no macOS cross compiler for ${process.platform}-${process.arch} (loader/cross's zig is for linux-x64)`;
}

/** Builds `triple` with loader/build.sh (into loader/npm/<triple>/, where it goes) and returns the launcher's bytes. */
function build(triple) {
  const jdk = require('../index.js').findJavaHome();
  const launcher = path.join(LOADER, 'npm', triple, 'napi_java.node');
  rmSync(launcher, { force: true }); // so that an old build cannot pass for this one
  const result = spawnSync('bash', [path.join(LOADER, 'build.sh'), jdk, triple], { encoding: 'utf8', timeout: 10 * 60_000 });
  assert.equal(result.status, 0, `build.sh ${triple} failed (${result.error || `exit ${result.status}`}):\n${result.stdout}\n${result.stderr}`);
  return readFileSync(launcher);
}

/** The Node-API functions that node.exe exports, from node-api-headers' import definitions. */
function nodeApiFunctions() {
  return new Set(readFileSync(path.join(HEADERS, 'def', 'node_api.def'), 'utf8').split(/\r?\n/)
    .map((line) => line.trim()).filter((line) => /^(napi|node_api)_\w+$/.test(line)));
}

// Mach-O: mach_header_64, its load commands, and the symbol table (nlist_64).
const MH_MAGIC_64 = 0xfeedfacf;
const CPU = { 0x01000007: 'x86_64', 0x0100000c: 'arm64' };
const LC_SYMTAB = 0x2;
const LC_LOAD_DYLIB = 0xc;
const LC_BUILD_VERSION = 0x32;
const N_EXT = 0x01;
const N_TYPE = 0x0e;
const N_SECT = 0x0e;
const DYNAMIC_LOOKUP_ORDINAL = 0xfe;

function readMachO(bytes) {
  assert.equal(bytes.readUInt32LE(0), MH_MAGIC_64, 'a 64-bit little-endian Mach-O');
  const header = { cpu: CPU[bytes.readUInt32LE(4)], fileType: bytes.readUInt32LE(12), dylibs: [], exports: [], imports: [] };
  const commands = bytes.readUInt32LE(16);
  let at = 32;
  for (let i = 0; i < commands; i++) {
    const cmd = bytes.readUInt32LE(at) & 0x7fffffff; // without LC_REQ_DYLD
    const size = bytes.readUInt32LE(at + 4);
    if (cmd === LC_LOAD_DYLIB) {
      const name = bytes.subarray(at + bytes.readUInt32LE(at + 8), at + size);
      header.dylibs.push(name.subarray(0, name.indexOf(0)).toString('utf8'));
    } else if (cmd === LC_BUILD_VERSION) {
      header.platform = bytes.readUInt32LE(at + 8);
      const minos = bytes.readUInt32LE(at + 12);
      header.minos = `${minos >>> 16}.${(minos >>> 8) & 0xff}`;
    } else if (cmd === LC_SYMTAB) {
      const [symoff, nsyms, stroff] = [8, 12, 16].map((o) => bytes.readUInt32LE(at + o));
      for (let s = 0; s < nsyms; s++) {
        const entry = symoff + s * 16;
        const strx = bytes.readUInt32LE(entry);
        const type = bytes.readUInt8(entry + 4);
        const desc = bytes.readUInt16LE(entry + 6);
        const end = bytes.indexOf(0, stroff + strx);
        const name = bytes.subarray(stroff + strx, end).toString('utf8').replace(/^_/, '');
        if (!(type & N_EXT)) continue;
        if ((type & N_TYPE) === N_SECT) header.exports.push(name);
        else if ((type & N_TYPE) === 0) header.imports.push({ name, library: (desc >> 8) & 0xff });
      }
    }
    at += size;
  }
  return header;
}

// PE: the COFF header, the PE32+ optional header's export and import directories, mapped to file
// offsets through the section table.
function readPE(bytes) {
  assert.equal(bytes.toString('latin1', 0, 2), 'MZ', 'a DOS/PE image');
  const pe = bytes.readUInt32LE(0x3c);
  assert.equal(bytes.toString('latin1', pe, pe + 4), 'PE\0\0', 'a PE signature');
  const machine = bytes.readUInt16LE(pe + 4);
  const sections = bytes.readUInt16LE(pe + 6);
  const optionalSize = bytes.readUInt16LE(pe + 20);
  const characteristics = bytes.readUInt16LE(pe + 22);
  const optional = pe + 24;
  const magic = bytes.readUInt16LE(optional);
  const table = optional + optionalSize;
  const offsetOf = (rva) => {
    for (let i = 0; i < sections; i++) {
      const s = table + i * 40;
      const [size, va, raw] = [bytes.readUInt32LE(s + 8), bytes.readUInt32LE(s + 12), bytes.readUInt32LE(s + 20)];
      if (rva >= va && rva < va + Math.max(size, bytes.readUInt32LE(s + 16))) return rva - va + raw;
    }
    throw new Error(`RVA ${rva.toString(16)} in no section`);
  };
  const cString = (offset) => bytes.toString('latin1', offset, bytes.indexOf(0, offset));
  const directory = (index) => ({ rva: bytes.readUInt32LE(optional + 112 + index * 8), size: bytes.readUInt32LE(optional + 116 + index * 8) });
  const exports = [];
  const exportDir = directory(0);
  if (exportDir.rva) {
    const e = offsetOf(exportDir.rva);
    const names = bytes.readUInt32LE(e + 24);
    const nameTable = offsetOf(bytes.readUInt32LE(e + 32));
    for (let i = 0; i < names; i++) exports.push(cString(offsetOf(bytes.readUInt32LE(nameTable + i * 4))));
  }
  const imports = {};
  const importDir = directory(1);
  for (let d = offsetOf(importDir.rva); bytes.readUInt32LE(d + 12) !== 0; d += 20) {
    const dll = cString(offsetOf(bytes.readUInt32LE(d + 12)));
    const names = (imports[dll] = []);
    for (let t = offsetOf(bytes.readUInt32LE(d) || bytes.readUInt32LE(d + 16)); bytes.readBigUInt64LE(t) !== 0n; t += 8) {
      const thunk = bytes.readBigUInt64LE(t);
      names.push(thunk >> 63n ? `#${thunk & 0xffffn}` : cString(offsetOf(Number(thunk & 0x7fffffffn)) + 2));
    }
  }
  return { machine, magic, dll: (characteristics & 0x2000) !== 0, exports, imports };
}

for (const [triple, cpu] of [['darwin-x64', 'x86_64'], ['darwin-arm64', 'arm64']]) {
  const reason = missingCompiler(triple);
  test(`platform ${triple}: the launcher is a ${cpu} Mach-O dylib for macOS 11+, exporting the module init, ` +
    'importing Node-API by dynamic lookup and the rest from libSystem only', { skip: reason }, () => {
    const macho = readMachO(build(triple));
    assert.equal(macho.cpu, cpu);
    assert.equal(macho.fileType, 6, 'MH_DYLIB');
    assert.equal(macho.platform, 1, 'PLATFORM_MACOS');
    assert.equal(macho.minos, '11.0');
    assert.deepEqual(macho.dylibs, ['/usr/lib/libSystem.B.dylib']);
    assert.deepEqual(macho.exports.sort(), [...MODULE_SYMBOLS].sort());
    const napi = nodeApiFunctions();
    const fromNode = macho.imports.filter(({ name }) => /^(napi|node_api)_/.test(name));
    assert.ok(fromNode.length >= 10, `Node-API imports: ${fromNode.map(({ name }) => name)}`);
    for (const { name, library } of fromNode) {
      assert.ok(napi.has(name), `${name} is a Node-API function`);
      assert.equal(library, DYNAMIC_LOOKUP_ORDINAL, `${name} is looked up in the process (-undefined dynamic_lookup)`);
    }
    const fromSystem = macho.imports.filter((symbol) => !fromNode.includes(symbol));
    for (const { name, library } of fromSystem) assert.equal(library, 1, `${name} comes from libSystem`);
    const names = fromSystem.map(({ name }) => name);
    for (const needed of ['dlopen', 'dlsym', 'atexit', '_exit', 'pthread_key_create', 'setenv', 'sigaction']) {
      assert.ok(names.includes(needed), `${needed} among ${names}`);
    }
    assert.ok(!names.some((name) => name.startsWith('JNI_') || name === 'on_exit'), `no JVM or glibc-only import: ${names}`);
  });
}

test('platform win32-x64: the launcher is an x86-64 PE32+ DLL exporting the module init, importing Node-API from ' +
  'node.exe and otherwise only kernel32 and msvcrt', { skip: missingCompiler('win32-x64') }, () => {
  const image = readPE(build('win32-x64'));
  assert.equal(image.machine, 0x8664, 'IMAGE_FILE_MACHINE_AMD64');
  assert.equal(image.magic, 0x20b, 'PE32+');
  assert.ok(image.dll, 'IMAGE_FILE_DLL');
  assert.deepEqual(image.exports.sort(), [...MODULE_SYMBOLS].sort());
  const dlls = Object.keys(image.imports).map((dll) => dll.toLowerCase()).sort();
  assert.deepEqual(dlls, ['kernel32.dll', 'msvcrt.dll', 'node.exe']);
  const fromNode = Object.entries(image.imports).find(([dll]) => dll.toLowerCase() === 'node.exe')[1];
  const napi = nodeApiFunctions();
  assert.ok(fromNode.length >= 10, `Node-API imports: ${fromNode}`);
  for (const name of fromNode) assert.ok(napi.has(name), `${name} is a Node-API function`);
  const kernel32 = Object.entries(image.imports).find(([dll]) => dll.toLowerCase() === 'kernel32.dll')[1];
  for (const needed of ['LoadLibraryExW', 'GetProcAddress', 'FlsAlloc', 'FlsSetValue', 'GetModuleHandleExW']) {
    assert.ok(kernel32.includes(needed), `${needed} among ${kernel32}`);
  }
  const all = Object.values(image.imports).flat();
  assert.ok(!all.some((name) => name.startsWith('JNI_')), 'jvm.dll is loaded at run time, not imported');
});

// macOS's exit path, built for Linux (NAPI_JAVA_EXIT_STATUS_FROM_JS): an atexit handler that ends
// the process before libjvm's static destructors run, with the status that index.js tells the
// launcher. It runs in a copy of the loader whose launcher is that build.
const EXIT_PATH_SKIP = process.platform !== 'linux' ? 'the Linux build of the macOS exit path runs on Linux'
  : !onPath('gcc') ? 'no gcc on PATH' : false;

function loaderWithExitPathLauncher() {
  const copy = path.join(OUT, 'loader-exit-path');
  // The loader's JS (index.js and what it requires), without launchers, tools or sources.
  const notCopied = new Set(['cross', 'jlink', 'node_modules', 'npm', 'runtime', 'src', 'target', 'template', 'test']);
  cpSync(LOADER, copy, { recursive: true, filter: (from) => from === LOADER || !notCopied.has(path.relative(LOADER, from).split(path.sep)[0]) });
  symlinkSync(path.join(LOADER, 'runtime'), path.join(copy, 'runtime'));
  // Where the copy's platform.js looks for a development checkout's launcher.
  const launcher = require(path.join(copy, 'platform.js')).repoLauncher();
  mkdirSync(path.dirname(launcher), { recursive: true });
  const jdk = require('../index.js').findJavaHome();
  const gcc = spawnSync('gcc', ['-std=c11', '-D_GNU_SOURCE', '-O2', '-Wall', '-Wextra', '-Werror', '-fPIC', '-shared',
    '-fvisibility=hidden', '-DNAPI_VERSION=8', '-DNAPI_JAVA_EXIT_STATUS_FROM_JS', `-I${HEADERS}/include`, `-I${jdk}/include`,
    `-I${jdk}/include/linux`, path.join(LOADER, 'src', 'main', 'c', 'napi_java.c'), '-o', launcher,
    '-Wl,-z,nodelete', '-ldl', '-lpthread'], { encoding: 'utf8' });
  assert.equal(gcc.status, 0, gcc.stderr);
  return copy;
}

test('platform darwin exit path, built for Linux: process.exit(code), process.exitCode, an uncaught exception and a ' +
  'busy JVM end the process with the status JS gave, after the JS exit listeners, without a crash', { skip: EXIT_PATH_SKIP }, () => {
  const loader = loaderWithExitPathLauncher();
  const start = `const t = require(${JSON.stringify(loader)}).load(${JSON.stringify(path.join(LOADER, 'runtime', 'addon-api.jar'))}, ` +
    "{ addon: 'dev.napijava.internal.Training', jvmOptions: ['-Dnapijava.aot.training=true'] });\n" +
    "if (typeof require(require(" + JSON.stringify(path.join(loader, 'platform.js')) + ").repoLauncher()).exiting !== 'function') process.abort();\n" +
    "process.on('exit', (code) => console.log(`exit listener ${code} ${t.add(code, 1)}`));\n";
  const cases = [
    ['process.exit(3);', 3],
    ['process.exitCode = 5;', 5],
    ["setTimeout(() => { throw new Error('uncaught on purpose'); }, 0);", 1],
    ['for (let i = 0; i < 3000; i++) t.object(); process.exit(0);', 0],
    ['process.exitCode = 2; process.exit();', 2],
  ];
  for (const [body, status] of cases) {
    const child = spawnSync(process.execPath, ['-e', start + body], {
      encoding: 'utf8', timeout: 120_000, env: { ...process.env, NAPI_JAVA_AOT_CACHE: 'off' },
    });
    const what = `${body}\nstdout: ${child.stdout}\nstderr: ${child.stderr.slice(-2000)}`;
    assert.equal(child.signal, null, `killed by ${child.signal}: ${what}`);
    assert.equal(child.status, status, `exit status: ${what}`);
    assert.match(child.stdout, new RegExp(`^exit listener ${status} ${status + 1}$`, 'm'), `the JS exit listener ran: ${what}`);
  }
});
