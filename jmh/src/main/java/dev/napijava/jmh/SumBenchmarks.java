package dev.napijava.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Summing a 10-million-element {@code Float64Array} in place: one call per invocation, so a
 * score is nanoseconds per sum. Implementations as in {@link CallBenchmarks}.
 *
 * <p>Threads: run by JMH on the JS thread (see {@link JsThreadExecutor}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SumBenchmarks {
  @Param({"f64_sum"})
  public String op;

  @Param({"c", "napi-java", "js"})
  public String impl;

  private String loop;

  /** Resolves the loop's name once per trial. */
  @Setup
  public void setup() {
    loop = op + ":" + impl;
  }

  @Benchmark
  public void call() {
    Targets.loop(loop);
  }
}
