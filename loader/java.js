'use strict';
// napi-java/java: any Java library from JS, with no addon code (the dynamic bridge). See
// docs/dynamic-bridge.md. The Java side is an addon of the runtime (runtime/bridge.jar); this
// module gives it its JS shape. Each JS thread (main, workers) loads its own instance.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const RUNTIME = path.join(__dirname, 'runtime');
const CENTRAL = 'https://repo.maven.apache.org/maven2/';
// group:artifact:version, or group:artifact[:extension[:classifier]]:version
const COORDINATES = /^[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+){1,3}$/;

let native; // this thread's bridge addon
let names = 0;

function bridge(options) {
  if (!native) native = require('./index.js').load(path.join(RUNTIME, 'bridge.jar'), options);
  return native;
}

function typeError(message) {
  return Object.assign(new TypeError(`napi-java: ${message}`), { code: 'ERR_INVALID_ARG_TYPE' });
}

/** The Maven local repository that caches resolved jars: option, NAPI_JAVA_MAVEN_REPOSITORY, ~/.m2/repository. */
function localRepository(options) {
  if (options.localRepository !== undefined) return path.resolve(options.localRepository);
  if (process.env.NAPI_JAVA_MAVEN_REPOSITORY) return path.resolve(process.env.NAPI_JAVA_MAVEN_REPOSITORY);
  return path.join(os.homedir(), '.m2', 'repository');
}

function isCoordinates(entry) {
  return COORDINATES.test(entry) && !entry.includes(path.sep) && !fs.existsSync(entry);
}

function checkEntries(entries, where) {
  if (!Array.isArray(entries) || entries.some((entry) => typeof entry !== 'string')) {
    throw typeError(`${where}(): argument 'entries' must be an array of strings (jar files, folders, Maven coordinates)`);
  }
}

function checkOptions(options, where) {
  if (options === null || typeof options !== 'object') throw typeError(`${where}(): argument 'options' must be an object`);
}

/**
 * A class path of its own: a Java class loader over `entries` (jar files, class folders and Maven
 * coordinates such as 'org.commonmark:commonmark:0.24.0', resolved with their runtime dependencies
 * from Maven Central into the local Maven repository). It sees the JDK, but neither napi-java,
 * nor addons, nor other classpaths. Resolves to a Classpath.
 */
async function classpath(entries, options = {}) {
  checkEntries(entries, 'classpath');
  checkOptions(options, 'classpath');
  const coordinates = entries.filter(isCoordinates);
  const files = entries.filter((entry) => !isCoordinates(entry)).map((entry) => path.resolve(entry));
  const native = bridge(options);
  if (coordinates.length) files.push(...await resolve(native, coordinates, options));
  return new Classpath(native, files, options.name);
}

/**
 * The jars of Maven coordinates with their runtime dependencies. A resolution is remembered in
 * the per-user cache folder (keyed by the coordinates, repositories and local repository), and
 * used again while all its jars exist, so that a program starts without running the resolver;
 * coordinates with a version range or a SNAPSHOT are resolved every time.
 */
async function resolve(native, coordinates, options) {
  const repositories = options.repositories || [CENTRAL];
  const local = localRepository(options);
  const key = JSON.stringify([coordinates, repositories, local]);
  const remembered = path.join(require('./aot.js').cacheDir(), 'classpaths', `${fnv1a(key)}.json`);
  const fixed = coordinates.every((c) => !/[[\](),]|SNAPSHOT|LATEST|RELEASE/.test(c));
  if (fixed) {
    try {
      const known = JSON.parse(fs.readFileSync(remembered, 'utf8'));
      if (known.key === key && known.jars.every((jar) => fs.existsSync(jar))) return known.jars;
    } catch {
      // not resolved before (or the file is unreadable): resolve
    }
  }
  const jars = await native.resolve(coordinates, path.join(RUNTIME, 'maven'), local, repositories);
  if (fixed) {
    try {
      fs.mkdirSync(path.dirname(remembered), { recursive: true });
      const temporary = `${remembered}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, JSON.stringify({ key, jars }));
      fs.renameSync(temporary, remembered);
    } catch {
      // a cache that cannot be written only costs the next start a resolution
    }
  }
  return jars;
}

/** FNV-1a, 64 bits, hex: names cache files (a collision only costs a resolution). */
function fnv1a(text) {
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(text)) hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 0x100000001b3n);
  return hash.toString(16).padStart(16, '0');
}

/**
 * The javadoc jars (Maven's `-javadoc` artifacts) of the jar files `files` that lie in the local
 * Maven repository, fetched there as resolve() fetches jars: a Promise of their paths, in no
 * particular order. A jar without a published javadoc jar (or one that cannot be fetched now) is
 * left out; so is any file outside the local repository.
 */
async function javadocJars(files, options = {}) {
  checkEntries(files, 'javadocJars');
  checkOptions(options, 'javadocJars');
  const local = localRepository(options);
  const coordinates = [];
  for (const file of files) {
    const relative = path.relative(local, path.resolve(file)).split(path.sep);
    // <group as folders>/<artifact>/<version>/<artifact>-<version>.jar
    if (relative.length < 4 || relative[0] === '..') continue;
    const [artifact, version, name] = relative.slice(-3);
    if (name !== `${artifact}-${version}.jar`) continue;
    coordinates.push(`${relative.slice(0, -3).join('.')}:${artifact}:jar:javadoc:${version}`);
  }
  if (!coordinates.length) return [];
  let jars;
  try {
    jars = await bridge(options).resolve(coordinates, path.join(RUNTIME, 'maven'), local, options.repositories || [CENTRAL], false);
  } catch {
    return []; // the resolver failed as a whole (no network, say): no javadoc
  }
  return jars.filter((jar) => typeof jar === 'string');
}

/** As classpath(), synchronously, for jar files and folders only. */
function classpathSync(entries, options = {}) {
  checkEntries(entries, 'classpathSync');
  checkOptions(options, 'classpathSync');
  const coordinates = entries.filter(isCoordinates);
  if (coordinates.length) {
    throw typeError(`classpathSync(): Maven coordinates (${coordinates.join(', ')}) need a download: use await classpath()`);
  }
  return new Classpath(bridge(options), entries.map((entry) => path.resolve(entry)), options.name);
}

/** One class loader and the JS classes imported from it. */
class Classpath {
  #native;
  #handle;
  #classes = new Map();

  constructor(native, files, name) {
    this.#native = native;
    this.name = name || `classpath-${++names}`;
    this.files = Object.freeze(files.slice());
    this.#handle = native.newClasspath(files, this.name);
  }

  /** The JS class of the Java class `name` ('org.commonmark.parser.Parser', 'java.util.Map.Entry' or 'java.util.Map$Entry'). */
  importClass(name) {
    if (typeof name !== 'string') throw typeError(`importClass(): argument 'name' must be a string, got ${typeof name}`);
    let cls = this.#classes.get(name);
    if (!cls) {
      cls = this.#native.importClass(this.#handle, name);
      this.#classes.set(name, cls);
    }
    return cls;
  }

  /** As importClass(), returning a Promise (java-bridge's importClassAsync). */
  async importClassAsync(name) {
    return this.importClass(name);
  }

  /**
   * A package as an object whose properties are its classes, e.g.
   * `const { ArrayList, HashMap } = cp.importPackage('java.util')`.
   */
  importPackage(name) {
    if (typeof name !== 'string') throw typeError(`importPackage(): argument 'name' must be a string, got ${typeof name}`);
    const classpath = this;
    return new Proxy(Object.create(null), {
      get(target, property) {
        if (typeof property !== 'string') return undefined;
        if (!(property in target)) target[property] = classpath.importClass(`${name}.${property}`);
        return target[property];
      },
    });
  }

  /**
   * TypeScript declarations of the classes of this classpath's own entries (what `npx napi-java
   * types` writes), with the descriptions of the javadoc jars `javadoc` (paths; see javadocJars()) as JSDoc.
   */
  declarations(javadoc = []) {
    checkEntries(javadoc, 'declarations');
    return this.#native.declarations(this.#handle, javadoc);
  }

  /**
   * A Java object implementing the interface(s) `interfaces` (names) with the methods of `implementation`;
   * Java may call it on any thread (the methods run on this JS thread).
   */
  newProxy(interfaces, implementation) {
    if (implementation === null || (typeof implementation !== 'object' && typeof implementation !== 'function')) {
      throw typeError('newProxy(): argument \'implementation\' must be an object or a function');
    }
    return this.#native.newProxy(this.#handle, interfaces, implementation);
  }
}

/** Whether `value` is a Java object (a wrapper). */
function isJavaObject(value) {
  return bridge({}).isJavaObject(value);
}

/** The Java class name of a Java object, or undefined for any other value. */
function javaClassOf(value) {
  return bridge({}).javaClassOf(value) ?? undefined;
}

module.exports = { classpath, classpathSync, isJavaObject, javaClassOf, javadocJars, Classpath };
