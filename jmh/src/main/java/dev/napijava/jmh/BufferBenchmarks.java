package dev.napijava.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Making a 1 MB Buffer: by copy ({@code buffer_copy_1mb}: {@code napi_create_buffer} and {@code memcpy} in C,
 * {@code JsBuffer.copyOf} in Java, {@code Buffer.from} in JS) and without a copy
 * ({@code buffer_external_1mb}: malloc'd memory under {@code napi_create_external_buffer},
 * freed by the finalizer, in C; {@code JsBuffer.of} in Java; {@code Buffer.allocUnsafeSlow} in
 * JS). A loop of {@code compare.mjs} makes {@link #BUFFERS} Buffers and drops them, so a score is
 * nanoseconds per Buffer, the garbage collection of the ones before included.
 *
 * <p>Threads: run by JMH on the JS thread (see {@link JsThreadExecutor}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(BufferBenchmarks.BUFFERS)
public class BufferBenchmarks {
  /** Buffers per loop; compare.mjs makes its buffer loops with the same number. */
  static final int BUFFERS = 100;

  @Param({"buffer_copy_1mb", "buffer_external_1mb"})
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
