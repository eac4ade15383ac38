package dev.napijava.value;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.napijava.Env;
import dev.napijava.JsError;
import dev.napijava.internal.Critical;
import dev.napijava.internal.NodeCalls;
import dev.napijava.internal.NodeEnv;
import java.lang.foreign.MemorySegment;

/**
 * A JS value: a handle ({@code napi_value}) that belongs to one env and is valid while the handle
 * scope it was made in is open (for a Java function, until it returns). To keep a value longer,
 * hold a reference to it.
 *
 * <p>Thread: the JS thread of {@link #env()}; any other thread gets a
 * {@link WrongThreadException}.
 */
public abstract sealed class JsValue
    permits JsUndefined, JsNull, JsBoolean, JsNumber, JsString, JsBigInt, JsSymbol, JsObject,
    JsExternal {
  static final int UNDEFINED = 0, NULL = 1, BOOLEAN = 2, NUMBER = 3, STRING = 4, SYMBOL = 5,
      OBJECT = 6, FUNCTION = 7, EXTERNAL = 8, BIGINT = 9;

  final NodeEnv env;
  final MemorySegment handle;

  JsValue(NodeEnv env, MemorySegment handle) {
    this.env = env;
    this.handle = handle;
  }

  /**
   * Wraps a raw {@code napi_value} of {@code env} in the Java type that matches its JS type.
   * Thread: the JS thread of {@code env}.
   */
  public static JsValue wrap(Env env, MemorySegment handle) {
    NodeEnv node = (NodeEnv) env;
    MemorySegment out = node.out();
    node.check(Critical.typeOf(node.napi().address(), handle.address(), out.address()));
    return switch (out.get(JAVA_INT, 0)) {
      case UNDEFINED -> new JsUndefined(node, handle);
      case NULL -> new JsNull(node, handle);
      case BOOLEAN -> new JsBoolean(node, handle);
      case NUMBER -> new JsNumber(node, handle);
      case STRING -> new JsString(node, handle);
      case SYMBOL -> new JsSymbol(node, handle);
      case FUNCTION -> new JsFunction(node, handle);
      case BIGINT -> new JsBigInt(node, handle);
      case EXTERNAL -> new JsExternal<>(node, handle);
      default -> isArray(node, handle) ? new JsArray(node, handle) : new JsObject(node, handle);
    };
  }

  private static boolean isArray(NodeEnv env, MemorySegment handle) {
    MemorySegment out = env.out();
    env.check(NodeCalls.call(NodeCalls.IS_ARRAY, env.napi().address(), handle.address(), out.address()));
    return out.get(JAVA_BOOLEAN, 0);
  }

  /** The env this value belongs to. Thread: any thread. */
  public final Env env() {
    return env;
  }

  /**
   * The raw {@code napi_value}, for calling Node-API yourself through {@code dev.napijava.bindings}
   * with {@link Env#napiEnv()}. Thread: the JS thread of {@link #env()} (another thread gets
   * {@link WrongThreadException}); valid only while the handle scope it was made in is open.
   */
  public final MemorySegment handle() {
    env.checkThread();
    return handle;
  }

  /** The JS type name: {@code typeof}, except "null" and "array". Thread: any thread. */
  public abstract String typeName();

  /** {@code String(value)} in JS; throws {@link dev.napijava.JsException} if that throws. */
  public final String coerceToString() {
    MemorySegment out = env.out();
    env.check(napi_coerce_to_string(env.napi(), handle, out));
    return JsString.read(env, out.get(ADDRESS, 0));
  }

  /** {@code this === other} in JS. */
  public final boolean strictEquals(JsValue other) {
    MemorySegment out = env.out();
    env.check(napi_strict_equals(env.napi(), handle, other.handle(), out));
    return out.get(JAVA_BOOLEAN, 0);
  }

  /**
   * This value as {@code type}, or a {@code TypeError} that says what was expected. The object
   * types that {@link #wrap} does not tell apart ({@link JsTypedArray}, {@link JsBuffer},
   * {@link JsArrayBuffer}, {@link JsDataView}, {@link JsDate}, {@link JsMap}, {@link JsSet}) are
   * checked with Node-API. Thread: any thread when this already is a {@code type} (no JS is
   * touched), otherwise the JS thread.
   */
  public final <T extends JsValue> T as(Class<T> type) {
    if (type.isInstance(this)) return type.cast(this);
    T narrowed = JsTypes.narrow(this, type);
    if (narrowed != null) return narrowed;
    throw JsError.typeError("expected " + JsTypes.name(type) + ", got " + typeName());
  }

  /**
   * This value as a plain Java value, copied out of JS so that it outlives its handle scope:
   * undefined and null give null, then {@code Boolean}, {@code Double}, {@code String},
   * {@code BigInteger}, a Date an {@code Instant}, a TypedArray the matching primitive array,
   * an ArrayBuffer a {@code byte[]}, a Map a {@code Map}, a Set a {@code Set}, an external of
   * napi-java its Java object, arrays a {@code List}, other objects a {@code Map} of their own
   * enumerable properties. Functions and symbols, which cannot be copied, become strong
   * {@link dev.napijava.JsRef}s (convert back with {@link Env#toJs}; close them when done, or
   * a {@code Cleaner} releases them). An object reached twice is copied once; a cyclic value is
   * a {@code TypeError}; more than 512 levels or 1,000,000 parts is a {@code RangeError}.
   * Thread: the JS thread.
   */
  public final Object toJava() {
    return new JavaCopy(env).copy(this, 0);
  }

  /** How a JS type is named in error messages, e.g. "a bigint". Thread: any thread. */
  public static String describeType(Class<? extends JsValue> type) {
    return JsTypes.name(type);
  }

  /** A short description for debugging; does not touch JS. Thread: any thread. */
  @Override
  public String toString() {
    return getClass().getSimpleName() + "@" + Long.toHexString(handle.address());
  }
}
