package dev.napijava.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * The cost of one call from JS into a native function: a JS loop calls the target
 * {@link Targets#CALLS} times, so a score is nanoseconds per JS call, loop included. The C
 * targets come from {@code baseline.c}, the Java ones from {@link BenchmarkAddon}, the JS one is
 * an empty JS function (the loop's own cost).
 *
 * <p>Threads: run by JMH on the JS thread (see {@link JsThreadExecutor}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(Targets.CALLS)
public class CallBenchmarks {
  @Benchmark
  public void noopJava() {
    Targets.loop("noopJava");
  }

  @Benchmark
  public void noopC() {
    Targets.loop("noopC");
  }

  @Benchmark
  public void noopJs() {
    Targets.loop("noopJs");
  }

  @Benchmark
  public void addJava() {
    Targets.loop("addJava");
  }

  @Benchmark
  public void addC() {
    Targets.loop("addC");
  }
}
