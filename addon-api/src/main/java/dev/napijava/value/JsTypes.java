package dev.napijava.value;

import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;

import dev.napijava.internal.NodeEnv;
import java.lang.foreign.MemorySegment;

/**
 * The JS names of the Java value types, for error messages, and the checks of the object types
 * that {@link JsValue#wrap} does not tell apart by itself (one Node-API call each).
 */
final class JsTypes {
  /** A Node-API type check such as {@code napi_is_date(env, value, result)}. */
  @FunctionalInterface
  interface NapiCheck {
    int test(MemorySegment env, MemorySegment value, MemorySegment result);
  }

  private JsTypes() {}

  /** Whether {@code value} is a {@code type} already, or an object that {@code check} accepts. */
  static boolean is(JsValue value, Class<? extends JsObject> type, NapiCheck check) {
    if (type.isInstance(value)) return true;
    if (!(value instanceof JsObject)) return false;
    NodeEnv env = value.env;
    MemorySegment out = env.out();
    env.check(check.test(env.napi(), value.handle, out));
    return out.get(JAVA_BOOLEAN, 0);
  }

  static String name(Class<? extends JsValue> type) {
    String simple = type.getSimpleName();
    String name = simple.startsWith("Js") ? simple.substring(2) : simple;
    return switch (name) {
      case "BigInt" -> "a bigint";
      case "Undefined", "Null" -> name.toLowerCase();
      case "Array", "Object" -> "an " + name.toLowerCase();
      case "TypedArray", "Buffer", "DataView", "Date", "Map", "Set" -> "a " + name;
      case "ArrayBuffer" -> "an ArrayBuffer";
      case "External" -> "an external";
      default -> "a " + name.toLowerCase();
    };
  }

  /**
   * {@code value} as one of the object types that {@link JsValue#wrap} does not tell apart by
   * itself (one more Node-API check each), or null if it is not one or {@code type} is not one.
   */
  static <T extends JsValue> T narrow(JsValue value, Class<T> type) {
    if (!(value instanceof JsObject)) return null;
    JsValue narrowed;
    if (type == JsBuffer.class) narrowed = JsBuffer.isBuffer(value) ? JsBuffer.from(value) : null;
    else if (type == JsTypedArray.class) narrowed = JsTypedArray.isTypedArray(value) ? JsTypedArray.from(value) : null;
    else if (type == JsArrayBuffer.class) narrowed = JsArrayBuffer.isArrayBuffer(value) ? JsArrayBuffer.from(value) : null;
    else if (type == JsDataView.class) narrowed = JsDataView.isDataView(value) ? JsDataView.from(value) : null;
    else if (type == JsDate.class) narrowed = JsDate.isDate(value) ? JsDate.from(value) : null;
    else if (type == JsMap.class) narrowed = JsMap.isMap(value) ? JsMap.from(value) : null;
    else if (type == JsSet.class) narrowed = JsSet.isSet(value) ? JsSet.from(value) : null;
    else narrowed = null;
    return narrowed == null ? null : type.cast(narrowed);
  }
}
