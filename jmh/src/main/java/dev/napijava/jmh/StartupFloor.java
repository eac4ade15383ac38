package dev.napijava.jmh;

/**
 * The floor of the start-up row of {@code compare.mjs}: a plain JVM process, started with an AOT
 * cache of its own, that calls {@link BridgeTarget#noop} and exits. What napi-java's start-up
 * costs beyond this is napi-java's own.
 *
 * <p>Threads: the main thread.
 */
public final class StartupFloor {
  private StartupFloor() {}

  /** Calls {@link BridgeTarget#noop} once. */
  public static void main(String[] args) {
    BridgeTarget.noop();
  }
}
