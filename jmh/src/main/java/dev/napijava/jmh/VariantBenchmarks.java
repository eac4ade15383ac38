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
 * The cost of one JS call of {@code noop}, {@code add}, the echoes, {@code callback} and
 * {@code object_read} through other paths than {@link CallBenchmarks}' lambdas, each measured
 * right after the lambda itself ({@code napi-java} again, so that both meet the JIT in the same
 * state): {@code jsexport}, {@code @JsExport}'s generated glue
 * ({@link ExportedOperations}), and {@code ffm}, bare FFM upcalls that make only the Node-API
 * calls of their C twins ({@link FloorOperations}: the floor of any FFM addon). Measured as
 * {@link CallBenchmarks} measures the lambda form and C: a JS loop made by {@code compare.mjs}
 * calls the target {@link Targets#CALLS} times.
 *
 * <p>Threads: run by JMH on the JS thread (see {@link JsThreadExecutor}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(Targets.CALLS)
public class VariantBenchmarks {
  @Param({"noop", "add", "echo10", "echo10k", "callback", "object_read"})
  public String op;

  @Param({"napi-java", "jsexport", "ffm"})
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
