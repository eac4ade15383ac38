package dev.napijava.value;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_CHAR;
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
      env.check(Critical.createStringLatin1(napiEnv, MemorySegment.ofArray(latin1), length, out));
    } else {
      env.check(Critical.createStringUtf16(napiEnv, MemorySegment.ofArray(value.toCharArray()), length, out));
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
   * One Node-API call for strings that fit the env's text buffer, two otherwise.
   */
  public static String tryRead(Env env, MemorySegment handle) {
    NodeEnv node = (NodeEnv) env;
    MemorySegment napiEnv = node.napi();
    MemorySegment out = node.out();
    MemorySegment text = node.text(0);
    long capacity = text.byteSize() / 2;
    int status = napi_get_value_string_utf16(napiEnv, handle, text, capacity, out);
    if (status == napi_string_expected()) return null;
    node.check(status);
    long length = out.get(JAVA_LONG, 0);
    if (length >= capacity - 1) {
      node.check(napi_get_value_string_utf16(napiEnv, handle, MemorySegment.NULL, 0, out));
      length = out.get(JAVA_LONG, 0);
      text = node.text((length + 1) * 2);
      node.check(napi_get_value_string_utf16(napiEnv, handle, text, length + 1, out));
    }
    return new String(text.asSlice(0, length * 2).toArray(JAVA_CHAR));
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
