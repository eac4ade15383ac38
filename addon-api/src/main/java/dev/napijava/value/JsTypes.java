package dev.napijava.value;

/** The JS names of the Java value types, for error messages, and narrowing to the view types. */
final class JsTypes {
  private JsTypes() {}

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
