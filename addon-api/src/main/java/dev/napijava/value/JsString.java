package dev.napijava.value;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.napijava.Env;
import dev.napijava.internal.NodeEnv;
import dev.napijava.internal.Strings;
import java.lang.foreign.MemorySegment;

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
    return MemorySegment.ofAddress(Strings.create(env, value));
  }

  /** Reads a JS string handle as a Java string; fails with STRING_EXPECTED for non-strings. */
  static String read(NodeEnv env, MemorySegment handle) {
    String value = tryRead(env, handle);
    if (value == null) env.check(napi_string_expected());
    return value;
  }

  /**
   * Reads a JS string, or returns null when the value is not a string (no exception pending).
   * Thread: the JS thread of {@code env}.
   */
  public static String tryRead(Env env, MemorySegment handle) {
    return Strings.tryRead((NodeEnv) env, handle.address());
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
