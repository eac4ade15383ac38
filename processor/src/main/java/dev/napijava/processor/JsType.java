package dev.napijava.processor;

import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * How one Java type crosses to JS and back: its kind, the Java type as source text, the types
 * it is made of (element, components, callback parameters) and whether {@code null} is a value.
 *
 * @param kind what the generated code does with it
 * @param java the Java type as source text (fully qualified, with type arguments)
 * @param parts the element type (arrays, lists, Optional, futures, threadsafe functions), the
 *     components (records), or the parameters then the result (callbacks)
 * @param names component names (records), constant names (enums), parameter names (callbacks) or
 *     the JS class name (exported classes)
 * @param nullable whether JS {@code undefined}/{@code null} means Java {@code null}
 * @param element the record, enum, exported class or functional interface; else null
 * @param method the functional interface's method (callbacks); else null
 */
record JsType(Kind kind, String java, List<JsType> parts, List<String> names, boolean nullable,
    TypeElement element, ExecutableElement method) {

  /** What the generated code does with a type. */
  enum Kind {
    DOUBLE, FLOAT, INT, SHORT, BYTE, LONG, BOOLEAN, CHAR, STRING, BIGINT,
    ARRAY, LIST, RECORD, ENUM, CLASS, OPTIONAL, JS_VALUE, CALLBACK, THREADSAFE_FUNCTION, FUTURE, VOID,
    ENV, CALL_INFO, CHANNEL, ABORT_SIGNAL;

    boolean primitive() {
      return ordinal() <= CHAR.ordinal();
    }

    /** Not a JS argument: supplied by the generated code. */
    boolean injected() {
      return this == ENV || this == CALL_INFO || this == CHANNEL;
    }
  }

  static JsType simple(Kind kind, String java, boolean nullable) {
    return new JsType(kind, java, List.of(), List.of(), nullable, null, null);
  }

  JsType part() {
    return parts.get(0);
  }

  /** Whether the Java type is a primitive ({@code double}, not {@code Double}). */
  boolean unboxed() {
    return kind.primitive() && !nullable && java.indexOf('.') < 0;
  }

  /** A key that tells generated helpers apart. */
  String key() {
    return kind + ":" + java + (nullable ? "?" : "");
  }
}
