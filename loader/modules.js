'use strict';
// Which Java modules napi-java's runtime jars require, read from their module descriptors
// (module-info.class), so that the list follows the code. jdk.js compares it with what a Java
// runtime has (its release file's MODULES) before the loader starts a JVM: one whose boot layer
// cannot resolve a module ends the whole process inside JNI_CreateJavaVM (HotSpot prints "Error
// occurred during initialization of boot layer" and exits). loader/jlink/build.sh links the
// runtime package from the same list. Loaded only for a runtime without java.se; reads the jars
// with a small inflater of its own (node:zlib costs start-up about 10 ms, and a descriptor is a
// few hundred bytes).
const fs = require('node:fs');
const path = require('node:path');
const { RUNTIME_DIR } = require('./jdk.js');

// ---- DEFLATE (RFC 1951), decoding only ----

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DISTANCE_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
  4097, 6145, 8193, 12289, 16385, 24577];
const DISTANCE_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
const MAX_BITS = 15;

const FAST_BITS = 9; // codes up to this long decode with one table look-up
const FAST_MASK = (1 << FAST_BITS) - 1;

/**
 * A canonical Huffman code from its code lengths: how many codes of each length and the symbols
 * in code order (to decode bit by bit), and a table of the codes up to FAST_BITS long indexed by
 * the next FAST_BITS bits of the stream (symbol << 4 | length, 0 where no short code matches).
 */
function huffman(lengths) {
  const count = new Uint16Array(MAX_BITS + 1);
  for (const length of lengths) count[length]++;
  count[0] = 0;
  const offset = new Uint16Array(MAX_BITS + 2);
  const next = new Uint16Array(MAX_BITS + 1);
  for (let length = 1, code = 0; length <= MAX_BITS; length++) {
    offset[length + 1] = offset[length] + count[length];
    code = (code + count[length - 1]) << 1;
    next[length] = code;
  }
  const symbol = new Uint16Array(lengths.length);
  const fast = new Uint16Array(1 << FAST_BITS);
  for (let s = 0; s < lengths.length; s++) {
    const length = lengths[s];
    if (!length) continue;
    symbol[offset[length]++] = s;
    const code = next[length]++;
    if (length > FAST_BITS) continue;
    let reversed = 0; // the stream holds a code's bits first bit lowest
    for (let i = 0; i < length; i++) reversed |= ((code >> i) & 1) << (length - 1 - i);
    for (let i = reversed; i <= FAST_MASK; i += 1 << length) fast[i] = (s << 4) | length;
  }
  return { count, symbol, fast };
}

let fixedCodes;

/** Decodes raw DEFLATE data `input` into `size` bytes. Throws on malformed or truncated data. */
function inflateRaw(input, size) {
  const out = Buffer.alloc(size);
  let written = 0;
  let at = 0;
  let held = 0; // bits read from input and not used yet, lowest first
  let heldCount = 0;
  const corrupt = (what) => new Error(`corrupt DEFLATE data: ${what}`);
  const bits = (n) => {
    while (heldCount < n) {
      if (at >= input.length) throw corrupt('truncated');
      held |= input[at++] << heldCount;
      heldCount += 8;
    }
    const value = held & ((1 << n) - 1);
    held >>>= n;
    heldCount -= n;
    return value;
  };
  const decode = ({ count, symbol, fast }) => {
    while (heldCount < FAST_BITS && at < input.length) {
      held |= input[at++] << heldCount;
      heldCount += 8;
    }
    const entry = fast[held & FAST_MASK];
    if (entry && (entry & 15) <= heldCount) {
      held >>>= entry & 15;
      heldCount -= entry & 15;
      return entry >> 4;
    }
    let code = 0;
    let first = 0;
    let index = 0;
    for (let length = 1; length <= MAX_BITS; length++) {
      code |= bits(1);
      if (code - count[length] < first) return symbol[index + (code - first)];
      index += count[length];
      first = (first + count[length]) << 1;
      code <<= 1;
    }
    throw corrupt('no such code');
  };
  const put = (byte) => {
    if (written >= size) throw corrupt('longer than announced');
    out[written++] = byte;
  };
  let last = 0;
  while (!last) {
    last = bits(1);
    const type = bits(2);
    if (type === 0) {
      at -= heldCount >> 3; // a stored block starts at the next byte: give back whole bytes read ahead
      held = 0;
      heldCount = 0;
      if (at + 4 > input.length) throw corrupt('truncated');
      const length = input.readUInt16LE(at);
      if ((length ^ 0xffff) !== input.readUInt16LE(at + 2)) throw corrupt('stored length');
      at += 4;
      if (at + length > input.length) throw corrupt('truncated');
      for (let i = 0; i < length; i++) put(input[at++]);
      continue;
    }
    let literals;
    let distances;
    if (type === 1) {
      if (!fixedCodes) {
        const lengths = new Array(288).fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
        fixedCodes = { literals: huffman(lengths), distances: huffman(new Array(30).fill(5)) };
      }
      ({ literals, distances } = fixedCodes);
    } else if (type === 2) {
      const literalCount = bits(5) + 257;
      const distanceCount = bits(5) + 1;
      const codeLengthCount = bits(4) + 4;
      const codeLengths = new Array(19).fill(0);
      for (let i = 0; i < codeLengthCount; i++) codeLengths[CODE_LENGTH_ORDER[i]] = bits(3);
      const lengthCode = huffman(codeLengths);
      const lengths = [];
      while (lengths.length < literalCount + distanceCount) {
        const s = decode(lengthCode);
        if (s < 16) lengths.push(s);
        else if (s === 16) {
          if (!lengths.length) throw corrupt('repeat with no length');
          lengths.push(...new Array(3 + bits(2)).fill(lengths[lengths.length - 1]));
        } else lengths.push(...new Array(s === 17 ? 3 + bits(3) : 11 + bits(7)).fill(0));
      }
      if (lengths.length > literalCount + distanceCount) throw corrupt('too many lengths');
      literals = huffman(lengths.slice(0, literalCount));
      distances = huffman(lengths.slice(literalCount));
    } else {
      throw corrupt('block type 3');
    }
    for (;;) {
      const s = decode(literals);
      if (s < 256) put(s);
      else if (s === 256) break;
      else {
        const l = s - 257;
        if (l >= LENGTH_BASE.length) throw corrupt('length code');
        const length = LENGTH_BASE[l] + bits(LENGTH_EXTRA[l]);
        const d = decode(distances);
        if (d >= DISTANCE_BASE.length) throw corrupt('distance code');
        const distance = DISTANCE_BASE[d] + bits(DISTANCE_EXTRA[d]);
        if (distance > written) throw corrupt('distance too far back');
        for (let i = 0; i < length; i++) put(out[written - distance]);
      }
    }
  }
  if (written !== size) throw corrupt('shorter than announced');
  return out;
}

// ---- zip (jar) entries ----

function readAt(fd, position, length) {
  const buffer = Buffer.alloc(length);
  const read = fs.readSync(fd, buffer, 0, length, position);
  if (read !== length) throw new Error('unexpected end of file');
  return buffer;
}

/** The bytes of the entry `name` of the zip file `file`, or undefined when it has none. */
function zipEntry(file, name) {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    let tail;
    let end = -1;
    // The end record is the last 22 bytes, unless the zip has a comment (up to 64 kB): look in
    // the last kilobyte first.
    for (const tailLength of [Math.min(size, 1024), Math.min(size, 22 + 0xffff)]) {
      tail = readAt(fd, size - tailLength, tailLength);
      end = tail.length - 22;
      while (end >= 0 && tail.readUInt32LE(end) !== 0x06054b50) end--;
      if (end >= 0 || tailLength === size) break;
    }
    if (end < 0) throw new Error('not a zip file');
    const directory = readAt(fd, tail.readUInt32LE(end + 16), tail.readUInt32LE(end + 12));
    const wanted = Buffer.from(name, 'utf8');
    for (let at = 0; at + 46 <= directory.length && directory.readUInt32LE(at) === 0x02014b50;) {
      const nameLength = directory.readUInt16LE(at + 28);
      if (nameLength === wanted.length && wanted.equals(directory.subarray(at + 46, at + 46 + nameLength))) {
        const method = directory.readUInt16LE(at + 10);
        const compressed = directory.readUInt32LE(at + 20);
        const uncompressed = directory.readUInt32LE(at + 24);
        const local = directory.readUInt32LE(at + 42);
        const header = readAt(fd, local, 30);
        if (header.readUInt32LE(0) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
        const data = readAt(fd, local + 30 + header.readUInt16LE(26) + header.readUInt16LE(28), compressed);
        if (method === 0) return data;
        if (method === 8) return inflateRaw(data, uncompressed);
        throw new Error(`${name} is compressed with method ${method}`);
      }
      at += 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    }
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

// ---- module descriptors ----

const ACC_STATIC_PHASE = 0x0040; // `requires static`: needed at compile time only

/** The name of a module and the modules it requires at run time, from its module-info.class bytes (JVMS 4.7.25). */
function moduleDescriptor(bytes) {
  if (bytes.readUInt32BE(0) !== 0xcafebabe) throw new Error('not a class file');
  const poolCount = bytes.readUInt16BE(8);
  const utf8 = [];
  const moduleName = []; // CONSTANT_Module: index of its name
  let at = 10;
  const sizes = { 3: 4, 4: 4, 5: 8, 6: 8, 7: 2, 8: 2, 9: 4, 10: 4, 11: 4, 12: 4, 15: 3, 16: 2, 17: 4, 18: 4, 19: 2, 20: 2 };
  for (let i = 1; i < poolCount; i++) {
    const tag = bytes[at++];
    if (tag === 1) {
      const length = bytes.readUInt16BE(at);
      utf8[i] = bytes.toString('utf8', at + 2, at + 2 + length);
      at += 2 + length;
      continue;
    }
    if (!(tag in sizes)) throw new Error(`unknown constant pool tag ${tag}`);
    if (tag === 19) moduleName[i] = bytes.readUInt16BE(at);
    at += sizes[tag];
    if (tag === 5 || tag === 6) i++; // long and double take two slots
  }
  at += 6; // access flags, this_class, super_class
  at += 2 + 2 * bytes.readUInt16BE(at); // interfaces
  for (let member = 0; member < 2; member++) { // fields, then methods: a module-info has none
    const count = bytes.readUInt16BE(at);
    at += 2;
    for (let i = 0; i < count; i++) {
      const attributes = bytes.readUInt16BE(at + 6);
      at += 8;
      for (let j = 0; j < attributes; j++) at += 6 + bytes.readUInt32BE(at + 2);
    }
  }
  const attributes = bytes.readUInt16BE(at);
  at += 2;
  for (let i = 0; i < attributes; i++) {
    const name = utf8[bytes.readUInt16BE(at)];
    const length = bytes.readUInt32BE(at + 2);
    if (name === 'Module') {
      let m = at + 6;
      const own = utf8[moduleName[bytes.readUInt16BE(m)]];
      const requiresCount = bytes.readUInt16BE(m + 6);
      m += 8;
      const requires = [];
      for (let r = 0; r < requiresCount; r++, m += 6) {
        if (!(bytes.readUInt16BE(m + 2) & ACC_STATIC_PHASE)) requires.push(utf8[moduleName[bytes.readUInt16BE(m)]]);
      }
      return { name: own, requires };
    }
    at += 6 + length;
  }
  throw new Error('no Module attribute');
}

const required = new Map(); // by folder

/**
 * The modules that the modular jars in `dir` (napi-java's runtime modules by default) require
 * from the Java runtime: every `requires` of their descriptors (but `requires static`) that none
 * of them provides, sorted. A jar without a descriptor is not a runtime module but an addon that
 * ships beside them (bridge.jar, loaded by a class loader of its own) and is passed over. Throws
 * when a jar cannot be read, or when no jar has a descriptor.
 */
function requiredModules(dir = RUNTIME_DIR) {
  if (required.has(dir)) return required.get(dir);
  const own = new Set();
  const needs = new Set();
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.jar')).sort()) {
    const file = path.join(dir, name);
    let descriptor;
    try {
      const bytes = zipEntry(file, 'module-info.class');
      if (!bytes) continue;
      descriptor = moduleDescriptor(bytes);
    } catch (e) {
      throw new Error(`cannot read the module descriptor of ${file}: ${e.message}`);
    }
    own.add(descriptor.name);
    for (const module of descriptor.requires) needs.add(module);
  }
  if (!own.size) throw new Error(`no jar in ${dir} has a module descriptor (module-info.class)`);
  const result = [...needs].filter((m) => !own.has(m)).sort();
  required.set(dir, result);
  return result;
}

module.exports = { inflateRaw, zipEntry, moduleDescriptor, requiredModules };

// `node modules.js [<jar folder>]` prints the modules the jars require, comma-separated (loader/jlink/build.sh).
if (require.main === module) console.log(requiredModules(process.argv[2] ? path.resolve(process.argv[2]) : RUNTIME_DIR).join(','));
