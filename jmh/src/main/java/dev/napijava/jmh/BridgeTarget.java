package dev.napijava.jmh;

/**
 * The compared operations as plain static methods, for java-bridge (which calls Java through
 * JNI from its own JVM; see {@code jmh/bridge/run.mjs}).
 *
 * <p>Threads: any thread.
 */
public final class BridgeTarget {
  private BridgeTarget() {}

  /** Does nothing. */
  public static void noop() {}

  /** {@code a + b}. */
  public static double add(double a, double b) {
    return a + b;
  }

  /** {@code text} itself. */
  public static String echo(String text) {
    return text;
  }
}
