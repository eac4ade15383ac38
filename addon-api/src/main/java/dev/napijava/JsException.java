package dev.napijava;

import dev.napijava.value.JsValue;

/**
 * A JS exception seen from Java: a JS function that Java called threw, or a Node-API call left
 * an exception pending. It carries the thrown JS value. When it propagates back out to JS, the
 * same value is thrown again, so JS sees its own exception unchanged.
 *
 * <p>Thread: created on a JS thread. {@link #getMessage()} and {@link #jsStack()} may be read on
 * any thread; {@link #value()} only on the JS thread of its env, while the handle scope that was
 * open when it was thrown is still open.
 */
public class JsException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient JsValue value;
  private final String jsStack;

  /** Wraps a thrown JS value; throw it from Java to throw that value in JS. Thread: JS thread. */
  public JsException(JsValue value) {
    this(value, Describe.message(value), Describe.stack(value));
  }

  private JsException(JsValue value, String message, String jsStack) {
    super(message);
    this.value = value;
    this.jsStack = jsStack;
  }

  /**
   * A copy of what {@code value} says (message, stack) without the value itself, for an
   * exception that outlives the handle scope it was thrown in (futures, other threads).
   * Thread: the JS thread of the value's env.
   */
  public static JsException detached(JsValue value) {
    return new JsException(null, Describe.message(value), Describe.stack(value));
  }

  /** Whether {@link #value()} is available (not {@link #detached}). Thread: any thread. */
  public boolean hasValue() {
    return value != null;
  }

  /**
   * The thrown JS value. Thread: the JS thread of its env. Throws
   * {@link IllegalStateException} for a {@link #detached} exception.
   */
  public JsValue value() {
    if (value == null) throw new IllegalStateException("this JS exception was detached from its JS value: " + getMessage());
    value.env().checkThread();
    return value;
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
