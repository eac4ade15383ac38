package dev.napijava.internal;

import static dev.napijava.bindings.NodeApi.napi_string_expected;
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
  private Strings() {}

  /** A new JS string with the code units of {@code value}; returns its {@code napi_value}. */
  public static long create(NodeEnv env, String value) {
    long napiEnv = env.napi().address();
    int length = value.length();
    char[] chars = env.chars(length);
    value.getChars(0, length, chars, 0);
    MemorySegment out = env.out();
    env.check(Critical.createStringUtf16(napiEnv, MemorySegment.ofArray(chars), length, out.address()));
    return out.get(JAVA_LONG, 0);
  }

  /**
   * Reads the JS string {@code handle}, or returns null when it is not a string (no exception
   * pending). One Node-API call for strings that fit the env's scratch array, three otherwise.
   */
  public static String tryRead(NodeEnv env, long handle) {
    long napiEnv = env.napi().address();
    MemorySegment out = env.out();
    char[] chars = env.chars(0);
    int status = Critical.getValueStringUtf16(napiEnv, handle, MemorySegment.ofArray(chars), chars.length, out.address());
    if (status == napi_string_expected()) return null;
    env.check(status);
    long length = out.get(JAVA_LONG, 0);
    if (length >= chars.length - 1) {
      env.check(Critical.getValueStringUtf16(napiEnv, handle, MemorySegment.NULL, 0, out.address()));
      length = out.get(JAVA_LONG, 0);
      if (length >= Integer.MAX_VALUE - 8) throw new OutOfMemoryError("a JS string of " + length + " code units");
      chars = env.chars((int) length + 1);
      env.check(Critical.getValueStringUtf16(napiEnv, handle, MemorySegment.ofArray(chars), length + 1, out.address()));
    }
    return new String(chars, 0, (int) length);
  }
}
