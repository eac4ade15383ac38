package dev.napijava.jmh;

import dev.napijava.JsExport;

/**
 * {@code noop}, {@code add} and {@code echo} of {@link Operations} written with {@link JsExport}: the same
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
}
