package dev.napijava.value;

/** The JS names of the Java value types, for error messages. */
final class JsTypes {
  private JsTypes() {}

  static String name(Class<? extends JsValue> type) {
    String simple = type.getSimpleName();
    String name = simple.startsWith("Js") ? simple.substring(2) : simple;
    return switch (name) {
      case "BigInt" -> "a bigint";
      case "Undefined", "Null" -> name.toLowerCase();
      case "Array", "Object" -> "an " + name.toLowerCase();
      case "TypedArray" -> "a TypedArray";
      default -> "a " + name.toLowerCase();
    };
  }
}
