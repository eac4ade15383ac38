package dev.napijava.jmh;

import dev.napijava.Env;
import dev.napijava.HandleScope;
import dev.napijava.value.JsFunction;
import dev.napijava.value.JsObject;

/**
 * The JS loops that the benchmarks call, for the length of one {@code run()} call: the handles
 * stay valid because that call's scope stays open while JMH runs (the one static here that
 * holds JS handles, and only for that long). A loop of {@link CallBenchmarks} makes
 * {@link #CALLS} calls of one target function, one of {@link SumBenchmarks} a single call.
 *
 * <p>Threads: the JS thread that called {@code run()}, only while it runs.
 */
final class Targets {
  /** Calls per loop of CallBenchmarks; compare.mjs makes its loops with the same number. */
  static final int CALLS = 1000;

  private static Targets current;

  private final Env env;
  private final JsObject loops;

  private Targets(Env env, JsObject loops) {
    this.env = env;
    this.loops = loops;
  }

  static void open(Env env, JsObject loops) {
    current = new Targets(env, loops);
  }

  static void close() {
    current = null;
  }

  /** Runs the JS loop named {@code name} once, in a handle scope of its own. */
  static void loop(String name) {
    Targets targets = current;
    try (HandleScope scope = targets.env.openScope()) {
      targets.loops.get(name).as(JsFunction.class).call();
    }
  }
}
