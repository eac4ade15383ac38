package dev.napijava;

import dev.napijava.internal.NodeEnv;
import dev.napijava.value.JsArray;
import dev.napijava.value.JsBoolean;
import dev.napijava.value.JsFunction;
import dev.napijava.value.JsNull;
import dev.napijava.value.JsNumber;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsString;
import dev.napijava.value.JsUndefined;
import dev.napijava.value.JsValue;

/**
 * One Node-API environment ({@code napi_env}): the main JS thread, or one worker thread. Every
 * JS value belongs to one env and may only be used on its JS thread.
 *
 * <p>Thread: unless a method says otherwise, only the JS thread of this env may call it; any
 * other thread gets a {@link WrongThreadException}. After the env is torn down (worker
 * terminated, process exiting) calls throw {@link NapiException} with {@link Status#CLOSING}.
 */
public sealed interface Env permits NodeEnv {
  /** Throws {@link WrongThreadException} unless called on this env's JS thread. Thread: any. */
  void checkThread();

  /** Whether the calling thread is this env's JS thread. Thread: any thread. */
  boolean isJsThread();

  /** Whether the env has been torn down. Thread: any thread. */
  boolean isClosed();

  /** JS {@code undefined}. */
  JsUndefined undefined();

  /** JS {@code null}. */
  JsNull nullValue();

  /** A JS boolean. */
  JsBoolean bool(boolean value);

  /** A JS number. */
  JsNumber number(double value);

  /** A JS string with the same UTF-16 code units as {@code value} (lone surrogates kept). */
  JsString string(String value);

  /** A new empty JS object. */
  JsObject object();

  /** A new empty JS array. */
  JsArray array();

  /**
   * A JS function that runs {@code body}. {@code params} name the parameters for error
   * messages ({@code "name?"} optional, {@code "...rest"} variadic); a call with more arguments
   * than parameters throws a {@code TypeError}.
   */
  JsFunction function(String name, JsCallback body, String... params);

  /** {@code globalThis}. */
  JsObject global();

  /**
   * Converts a Java value to JS: {@code null} to null, {@link JsValue} as is, String,
   * Boolean, Number (int-sized to int32, long to a number, or to a BigInt outside the safe
   * integers ±(2^53-1), BigInteger to BigInt), Character, object arrays and
   * {@link java.util.List} to arrays, {@link java.util.Map} and records to objects, a
   * {@link java.util.Set} to a Set, a {@link Throwable} to an error (as when it is thrown to JS),
   * a {@link java.util.concurrent.CompletionStage} to a Promise, an {@link java.util.Optional}
   * to its value or undefined, an enum constant to its name, an {@link java.time.Instant} (or
   * {@code java.util.Date}) to a Date, a {@link java.time.Duration} to milliseconds, and
   * primitive arrays to a copy in the matching TypedArray ({@code byte[]} Uint8Array,
   * {@code short[]} Int16Array, {@code char[]} Uint16Array, {@code int[]} Int32Array,
   * {@code float[]} Float32Array, {@code double[]} Float64Array, {@code long[]} BigInt64Array;
   * {@code boolean[]} an array of booleans), an object of a type that has a {@link JsClass} to
   * its wrapper (before the list, map and record rules). docs/values.md has the whole table, both
   * ways. (A Java function that returns null returns undefined.)
   */
  JsValue toJs(Object value);

  /**
   * {@code require(id)} in this env, as the module that called napi-java's {@code load()} would
   * (built-in modules such as {@code "worker_threads"}, or packages it can see).
   */
  JsValue require(String id);

  /** Runs JS source text in this env (as {@code napi_run_script}) and returns its value. */
  JsValue runScript(String source);

  /**
   * Opens a handle scope: JS values made until it closes are freed when it closes. Use in
   * try-with-resources around loops that create many values.
   */
  HandleScope openScope();

  /** Opens a handle scope that can let one value out into the enclosing scope. */
  EscapableHandleScope openEscapableScope();

  /**
   * The raw Node-API {@code napi_env} of this env, for calling a Node-API function that this
   * API does not wrap, through the generated bindings in {@code dev.napijava.bindings}
   * ({@code NodeApi.napi_object_freeze(env.napiEnv(), value.handle())}). Pair it with
   * {@link JsValue#handle()} (a value's {@code napi_value}) and {@link JsValue#wrap} (back from a
   * {@code napi_value} to a {@link JsValue}). You then own what the API otherwise checks: the
   * returned {@code napi_status} (see {@link Status}), handle scopes, and lifetimes.
   *
   * <p>Thread: the JS thread of this env only, like every {@code napi_env} and {@code napi_value}
   * (another thread gets {@link WrongThreadException}); use it only while the env is alive (after
   * teardown this throws {@link NapiException} with {@link Status#CLOSING}) and never keep it, or a
   * {@code napi_value}, past the current call or handle scope.
   */
  java.lang.foreign.MemorySegment napiEnv();
}
