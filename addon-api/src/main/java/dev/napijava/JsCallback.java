package dev.napijava;

/**
 * The Java body of a JS function. Its result is converted with {@link Env#toJs(Object)};
 * {@code null} becomes {@code undefined}. A thrown exception becomes a JS exception: a
 * {@link JsException} rethrows its JS value, a {@link JsError} becomes the JS error it
 * describes, anything else a JS {@code Error} that carries the Java class, message and stack.
 *
 * <p>Thread: called on the JS thread of the env that created the function.
 */
@FunctionalInterface
public interface JsCallback {
  /** Runs one call. Thread: the JS thread of {@code call.env()}. */
  Object call(CallInfo call) throws Exception;
}
