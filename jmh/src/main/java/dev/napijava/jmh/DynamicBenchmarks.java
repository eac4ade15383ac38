package dev.napijava.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of one JS call of {@code noop}, {@code add} and the echoes through the dynamic bridge
 * ({@code napi-java/java}: {@link BridgeTarget}'s static methods from {@code importClass}, the
 * counterpart of java-bridge's rows), each measured right after the same operation through
 * {@code @JsExport}'s generated glue ({@code jsexport}, reported as {@code jsexport-beside}), so
 * that both meet the JIT in the same state. A JS loop made by {@code compare.mjs} calls the
 * target {@link Targets#CALLS} times, as in {@link CallBenchmarks}.
 *
 * <p>Threads: run by JMH on the JS thread (see {@link JsThreadExecutor}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(Targets.CALLS)
public class DynamicBenchmarks {
  @Param({"noop", "add", "echo10", "echo10k"})
  public String op;

  @Param({"jsexport", "dynamic"})
  public String impl;

  private String loop;

  /** Resolves the loop's name once per trial. */
  @org.openjdk.jmh.annotations.Setup
  public void setup() {
    loop = op + ":" + impl;
  }

  @Benchmark
  public void call() {
    Targets.loop(loop);
  }
}
