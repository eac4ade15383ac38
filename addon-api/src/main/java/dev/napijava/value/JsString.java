package dev.napijava.value;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.napijava.Env;
import dev.napijava.internal.Critical;
import dev.napijava.internal.NodeEnv;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * A JS string. Strings cross between Java and JS as UTF-16 code units, so every Java string
 * round-trips exactly, lone surrogates included; strings of Latin-1 characters only go to JS as
 * one-byte strings.
 *
 * <p>Thread: the JS thread of its env.
 */
public final class JsString extends JsValue {
  JsString(NodeEnv env, MemorySegment handle) {
    super(env, handle);
  }

  /** A JS string with the code units of {@code value}. Thread: the JS thread of {@code env}. */
  public static JsString of(Env env, String value) {
    NodeEnv node = (NodeEnv) env;
    return new JsString(node, create(node, value));
  }

  static MemorySegment create(NodeEnv env, String value) {
    int length = value.length();
    MemorySegment napiEnv = env.napi();
    MemorySegment out = env.out();
    byte[] latin1 = value.getBytes(StandardCharsets.ISO_8859_1);
    // V8 copies straight from the Java array (a critical downcall with heap access).
    if (isLatin1(value, latin1)) {
      env.check(Critical.createStringLatin1(napiEnv.address(), MemorySegment.ofArray(latin1), length, out.address()));
    } else {
      env.check(Critical.createStringUtf16(napiEnv.address(), MemorySegment.ofArray(value.toCharArray()), length, out.address()));
    }
    return out.get(ADDRESS, 0);
  }

  /** Whether {@code latin1}, {@code value} encoded as ISO-8859-1, lost no character. */
  private static boolean isLatin1(String value, byte[] latin1) {
    // A character above U+00FF became '?': without a '?', nothing was replaced.
    boolean question = false;
    for (byte b : latin1) question |= b == '?';
    // Else equal only if no character was replaced: a string with a character above U+00FF is
    // stored as UTF-16 and never equals a Latin-1 one (String.equals compares the coders first).
    return !question || value.equals(new String(latin1, StandardCharsets.ISO_8859_1));
  }

  /** Reads a JS string handle as a Java string; fails with STRING_EXPECTED for non-strings. */
  static String read(NodeEnv env, MemorySegment handle) {
    String value = tryRead(env, handle);
    if (value == null) env.check(napi_string_expected());
    return value;
  }

  /**
   * Reads a JS string, or returns null when the value is not a string (no exception pending).
   * V8 copies the code units straight into a Java array (a critical downcall with heap
   * access): one Node-API call for strings that fit the env's scratch array, three otherwise.
   */
  public static String tryRead(Env env, MemorySegment handle) {
    NodeEnv node = (NodeEnv) env;
    long napiEnv = node.napi().address();
    long out = node.out().address();
    char[] chars = node.chars(0);
    int status = Critical.getValueStringUtf16(napiEnv, handle.address(), MemorySegment.ofArray(chars), chars.length, out);
    if (status == napi_string_expected()) return null;
    node.check(status);
    long length = node.out().get(JAVA_LONG, 0);
    if (length >= chars.length - 1) {
      node.check(Critical.getValueStringUtf16(napiEnv, handle.address(), MemorySegment.NULL, 0, out));
      length = node.out().get(JAVA_LONG, 0);
      if (length + 1 > Integer.MAX_VALUE - 8) throw new OutOfMemoryError("a JS string of " + length + " code units");
      chars = node.chars((int) length + 1);
      node.check(Critical.getValueStringUtf16(napiEnv, handle.address(), MemorySegment.ofArray(chars), length + 1, out));
    }
    return new String(chars, 0, (int) length);
  }

  /** The Java string, with the same UTF-16 code units. */
  public String value() {
    return read(env, handle);
  }

  /** The length in UTF-16 code units, as JS {@code length}. */
  public long length() {
    MemorySegment out = env.out();
    env.check(napi_get_value_string_utf16(env.napi(), handle, MemorySegment.NULL, 0, out));
    return out.get(JAVA_LONG, 0);
  }

  @Override
  public String typeName() {
    return "string";
  }
}
