package dev.napijava;

import dev.napijava.value.JsValue;

/**
 * A JS exception seen from Java: a JS function that Java called threw, or a Node-API call left
 * an exception pending. It carries the thrown JS value, kept alive by a reference (a primitive,
 * which Node-API cannot reference, as its Java copy), so the exception may outlive the handle
 * scope it was thrown in: rethrown to JS later, from a future or another call, the same value is
 * thrown again, and JS sees its own exception unchanged (same identity, same class).
 *
 * <p>Thread: created on a JS thread. {@link #getMessage()}, {@link #jsStack()},
 * {@link #hasValue()} and {@link #env()} may be read on any thread; {@link #value()} only on
 * the JS thread of its env. The reference is released when the exception is garbage collected
 * (posted to the JS thread), or with its env.
 */
public class JsException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Env env;
  private final transient JsRef<JsValue> reference;
  private final transient Object primitive;
  private final String jsStack;

  /** Wraps a thrown JS value; throw it from Java to throw that value in JS. Thread: the JS thread of the value. */
  public JsException(JsValue value) {
    super(Describe.message(value));
    value.env().checkThread();
    this.env = value.env();
    this.jsStack = Describe.stack(value);
    JsRef<JsValue> ref = null;
    Object copy = null;
    if (value instanceof dev.napijava.value.JsObject || value instanceof dev.napijava.value.JsSymbol) {
      ref = JsRef.strong(value);
    } else {
      copy = value.toJava();
    }
    this.reference = ref;
    this.primitive = copy;
  }

  /**
   * Whether {@link #value()} is available: false once the env is torn down or the reference was
   * released. Thread: any thread.
   */
  public boolean hasValue() {
    return !env.isClosed() && (reference == null || !reference.isClosed());
  }

  /** The env of the thrown value. Thread: any thread. */
  public Env env() {
    return env;
  }

  /**
   * The thrown JS value, in the current handle scope. Thread: the JS thread of its env. Throws
   * {@link IllegalStateException} when it is no longer available ({@link #hasValue()}).
   */
  public JsValue value() {
    env.checkThread();
    if (!hasValue()) throw new IllegalStateException("the JS value of this exception is gone with its env: " + getMessage());
    return reference != null ? reference.get() : env.toJs(primitive);
  }

  /** The JS {@code stack} property when the value is an error, else null. Thread: any thread. */
  public String jsStack() {
    return jsStack;
  }

  /** Reads what a thrown JS value says about itself, never failing. */
  private static final class Describe {
    static String message(JsValue value) {
      try {
        if (value instanceof dev.napijava.value.JsObject object && object.has("message")) {
          return object.get("name").coerceToString() + ": " + object.get("message").coerceToString();
        }
        return value.coerceToString();
      } catch (RuntimeException e) {
        return "a JS exception (" + value.typeName() + ")";
      }
    }

    static String stack(JsValue value) {
      try {
        return value instanceof dev.napijava.value.JsObject object && object.has("stack")
            ? object.get("stack").coerceToString()
            : null;
      } catch (RuntimeException e) {
        return null;
      }
    }
  }
}
