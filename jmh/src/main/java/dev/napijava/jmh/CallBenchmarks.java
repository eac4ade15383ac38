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
 * The cost of one JS call of an operation: a JS loop (made by {@code compare.mjs}, one per
 * operation and implementation) calls the target {@link Targets#CALLS} times, so a score is
 * nanoseconds per JS call, loop included. Implementations: {@code c} (baseline.c),
 * {@code napi-java} ({@link Operations}), {@code js} (the same in plain JS).
 *
 * <p>Threads: run by JMH on the JS thread (see {@link JsThreadExecutor}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(Targets.CALLS)
public class CallBenchmarks {
  @Param({"noop", "add", "echo10", "echo10k", "callback", "object_create", "object_read", "class_method", "class_create"})
  public String op;

  @Param({"c", "napi-java", "js"})
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
