package dev.napijava;

import dev.napijava.internal.Call;
import dev.napijava.value.JsArray;
import dev.napijava.value.JsArrayBuffer;
import dev.napijava.value.JsBuffer;
import dev.napijava.value.JsExternal;
import dev.napijava.value.JsFunction;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsTypedArray;
import dev.napijava.value.JsValue;

/**
 * The arguments and {@code this} of one JS call of a Java function. The typed getters check the
 * JS type and throw a {@link JsError} {@code TypeError} that names the function, the argument
 * and the expected type.
 *
 * <p>Parameters are declared by name when the function is made ({@link Env#function}): a name
 * ending in {@code ?} is optional, one starting with {@code ...} takes all remaining arguments.
 * A call with more arguments than declared parameters is a {@code TypeError}.
 *
 * <p>Thread: the JS thread of {@link #env()}, during the call only.
 */
public sealed interface CallInfo permits Call {
  /** The env of the call. */
  Env env();

  /** How many arguments JS passed. */
  int length();

  /** The JS {@code this} of the call. */
  JsValue thisArg();

  /**
   * Argument {@code index} as a JS value. A missing argument is {@code undefined} when its
   * parameter is optional ({@code "name?"}), variadic ({@code "...rest"}) or undeclared, and a
   * {@code TypeError} when it is a declared parameter.
   */
  JsValue arg(int index);

  /** Argument {@code index}, which must be of the JS type {@code type}. */
  <T extends JsValue> T arg(int index, Class<T> type);

  /** Argument {@code index}, which must be a string. */
  String string(int index);

  /** Argument {@code index}, which must be a number. */
  double number(int index);

  /** Argument {@code index}, which must be a number that is an integer in int32 range. */
  int int32(int index);

  /** Argument {@code index}, which must be a number that is a safe integer (|n| &lt;= 2^53-1). */
  long int64(int index);

  /** Argument {@code index}, which must be a boolean. */
  boolean bool(int index);

  /** Argument {@code index}, which must be an object (arrays and functions are objects). */
  JsObject object(int index);

  /** Argument {@code index}, which must be an array. */
  JsArray array(int index);

  /** Argument {@code index}, which must be a function. */
  JsFunction function(int index);

  /** Argument {@code index}, which must be a TypedArray (or a Node Buffer), for in-place access. */
  JsTypedArray typedArray(int index);

  /** Argument {@code index}, which must be a Node Buffer or a Uint8Array, for in-place access. */
  JsBuffer buffer(int index);

  /** Argument {@code index}, which must be an ArrayBuffer, for in-place access. */
  JsArrayBuffer arrayBuffer(int index);

  /**
   * Argument {@code index}, which must be a valid Date, as an {@link java.time.Instant}; an
   * Invalid Date is a {@code RangeError}.
   */
  java.time.Instant date(int index);

  /**
   * Argument {@code index}, which must be the name of a constant of {@code type}; another
   * string is a {@code TypeError} that lists the allowed names.
   */
  <E extends Enum<E>> E enumValue(int index, Class<E> type);

  /**
   * The Java object held by argument {@code index}, which must be an external made by
   * {@link JsExternal#of} holding a {@code type}.
   */
  <T> T external(int index, Class<T> type);

  /** A {@code TypeError} for argument {@code index}, naming it and the {@code expected} type. */
  JsError typeError(int index, String expected);
}
