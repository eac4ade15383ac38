package dev.napijava.internal;

import static dev.napijava.bindings.NodeApi.napi_create_string_utf16;
import static dev.napijava.bindings.NodeApi.napi_get_value_string_utf16;
import static dev.napijava.bindings.NodeApi.napi_string_expected;
import static java.lang.foreign.ValueLayout.JAVA_CHAR;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;

/**
 * Strings between Java and V8 with one copy each way and no allocation but the result: V8 reads
 * and writes the UTF-16 code units of a reusable Java {@code char[]} in place (critical
 * downcalls with heap access). V8 stores a string made from UTF-16 in one byte per character
 * when every character fits, so nothing is lost by not choosing Latin-1 here.
 *
 * <p>Thread: the JS thread of the env passed.
 */
public final class Strings {
  private static final int CHUNK = 1 << 16;
  private Strings() {}

  /** A new JS string with the code units of {@code value}; returns its {@code napi_value}. */
  public static long create(NodeEnv env, String value) {
    long napiEnv = env.napi().address();
    int length = value.length();
    MemorySegment out = env.out();
    if (env.keepsChars(length)) {
      char[] chars = env.chars(length);
      value.getChars(0, length, chars, 0);
      env.check(Critical.createStringUtf16(napiEnv, MemorySegment.ofArray(chars), length, out.address()));
    } else { // a huge string: copied in pieces into native scratch memory, no huge Java array
      MemorySegment text = env.text(2L * length);
      char[] piece = env.chars(CHUNK);
      for (int from = 0; from < length; from += piece.length) {
        int count = Math.min(piece.length, length - from);
        value.getChars(from, from + count, piece, 0);
        MemorySegment.copy(piece, 0, text, JAVA_CHAR, 2L * from, count);
      }
      env.check(napi_create_string_utf16(env.napi(), text, length, out)); // not critical: see tryRead
    }
    return out.get(JAVA_LONG, 0);
  }

  /**
   * A new JS string through {@code napi_create_string_utf8} on {@link NodeCalls}' signature, for
   * the runtime's own strings at start-up: slower per string than {@link #create}, but the
   * critical string calls of {@link #create} and {@link #tryRead} each spin a stub at their
   * first use (about 14 ms), which an addon that passes no strings before its first call then
   * never pays.
   */
  static long createAtStartup(NodeEnv env, String value) {
    long napiEnv = env.napi().address();
    MemorySegment utf8 = env.utf8(value);
    MemorySegment out = env.out();
    env.check(NodeCalls.call(NodeCalls.CREATE_STRING_UTF8, napiEnv, utf8.address(), NodeCalls.AUTO_LENGTH, out.address()));
    return out.get(JAVA_LONG, 0);
  }

  /** Reads the JS string {@code handle} as {@link #createAtStartup} makes one, or null when it is not a string. */
  static String readAtStartup(NodeEnv env, long handle) {
    long napiEnv = env.napi().address();
    MemorySegment out = env.out();
    int status = NodeCalls.call(NodeCalls.GET_VALUE_STRING_UTF8, napiEnv, handle, 0, 0, out.address(), 0);
    if (status == napi_string_expected()) return null;
    env.check(status);
    long length = out.get(JAVA_LONG, 0);
    MemorySegment text = env.text(length + 1);
    env.check(NodeCalls.call(NodeCalls.GET_VALUE_STRING_UTF8, napiEnv, handle, text.address(), length + 1, out.address(), 0));
    return text.getString(0);
  }

  /**
   * Reads the JS string {@code handle}, or returns null when it is not a string (no exception
   * pending). One Node-API call for strings that fit the env's scratch array, three otherwise.
   * Strings above the scratch array's limit go through native memory, as {@link NodeEnv#text}.
   */
  public static String tryRead(NodeEnv env, long handle) {
    long napiEnv = env.napi().address();
    env.text(0); // frees the native memory of a huge string read or made before
    MemorySegment out = env.out();
    char[] chars = env.chars(0);
    int status = Critical.getValueStringUtf16(napiEnv, handle, MemorySegment.ofArray(chars), chars.length, out.address());
    if (status == napi_string_expected()) return null;
    env.check(status);
    long length = out.get(JAVA_LONG, 0);
    if (length >= chars.length - 1) {
      env.check(Critical.getValueStringUtf16(napiEnv, handle, MemorySegment.NULL, 0, out.address()));
      length = out.get(JAVA_LONG, 0);
      if (!env.keepsChars(length + 1)) {
        // A huge string: through native scratch memory that the next string frees (a Java array
        // of that size would keep the Java heap that large until a collection shrinks it).
        // An ordinary downcall: copying that much is not the short call a critical one must be.
        MemorySegment text = env.text((length + 1) * 2);
        env.check(napi_get_value_string_utf16(env.napi(), MemorySegment.ofAddress(handle), text, length + 1, out));
        return new String(text.asSlice(0, length * 2).toArray(JAVA_CHAR));
      }
      chars = env.chars((int) length + 1);
      env.check(Critical.getValueStringUtf16(napiEnv, handle, MemorySegment.ofArray(chars), length + 1, out.address()));
    }
    return new String(chars, 0, (int) length);
  }
}
