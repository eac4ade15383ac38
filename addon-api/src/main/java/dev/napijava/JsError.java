package dev.napijava;

/**
 * Throw this from Java to raise a JS error of a chosen kind ({@code Error}, {@code TypeError},
 * {@code RangeError}) with an optional {@code code} property, as Node's own errors have. Other
 * Java exceptions also reach JS, as a plain {@code Error} that names their Java class.
 *
 * <p>Thread: any thread may create it; it turns into a JS error when it reaches JS on a JS
 * thread.
 */
public class JsError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The JS constructor of the error. */
  public enum Kind { ERROR, TYPE_ERROR, RANGE_ERROR }

  private final Kind kind;
  private final String code;

  /** An error of this kind with a code (or null) and message. Thread: any thread. */
  public JsError(Kind kind, String code, String message) {
    this(kind, code, message, null);
  }

  /**
   * An error of this kind with a code (or null), message and cause; the cause becomes the JS
   * {@code cause} property. Thread: any thread.
   */
  public JsError(Kind kind, String code, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.code = code;
  }

  /** A JS {@code Error}. Thread: any thread. */
  public static JsError error(String message) {
    return new JsError(Kind.ERROR, null, message);
  }

  /** A JS {@code TypeError} with Node's code {@code ERR_INVALID_ARG_TYPE}. Thread: any thread. */
  public static JsError typeError(String message) {
    return new JsError(Kind.TYPE_ERROR, "ERR_INVALID_ARG_TYPE", message);
  }

  /** A JS {@code RangeError} with Node's code {@code ERR_OUT_OF_RANGE}. Thread: any thread. */
  public static JsError rangeError(String message) {
    return new JsError(Kind.RANGE_ERROR, "ERR_OUT_OF_RANGE", message);
  }

  /** The JS constructor this error becomes. Thread: any thread. */
  public Kind kind() {
    return kind;
  }

  /** The JS {@code code} property, or null. Thread: any thread. */
  public String code() {
    return code;
  }
}
