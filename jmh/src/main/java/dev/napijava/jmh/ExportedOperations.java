package dev.napijava.jmh;

import dev.napijava.JsExport;
import dev.napijava.value.JsFunction;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsValue;

/**
 * {@code noop}, {@code add}, {@code echo}, {@code callback} and {@code objectRead} of {@link Operations} written with {@link JsExport}: the same
 * work through the generated glue, measured beside the hand-written lambdas
 * ({@link VariantBenchmarks}).
 *
 * <p>Threads: the JS thread that calls them.
 */
final class ExportedOperations {
  private ExportedOperations() {}

  @JsExport
  static void noop() {}

  @JsExport
  static double add(double a, double b) {
    return a + b;
  }

  @JsExport
  static String echo(String text) {
    return text;
  }

  @JsExport
  static JsValue callback(JsFunction fn) {
    return fn.call();
  }

  @JsExport
  static double objectRead(JsObject object) {
    return object.getNumber("a") + object.getNumber("b") + object.getNumber("c");
  }
}
