package dev.napijava.jmh;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The executor that JMH runs benchmark threads on ({@code -Djmh.executor=CUSTOM}): it only
 * queues them, and the JS thread, blocked in {@link BenchmarkAddon}'s {@code run()}, runs them
 * with {@link #drain}. That puts every benchmark method on the JS thread, where Node-API may be
 * called. JMH makes it by reflection with the constructor {@code (int, String)}.
 *
 * <p>Threads: {@link #execute} from any thread; {@link #drain} from the JS thread only.
 */
public final class JsThreadExecutor extends AbstractExecutorService {
  private static final BlockingQueue<Runnable> TASKS = new LinkedBlockingQueue<>();
  private volatile boolean shutdown;

  /** Called by JMH with its thread count and name prefix, which do not apply here. */
  public JsThreadExecutor(int maxThreads, String prefix) {
    if (maxThreads != 1) throw new IllegalArgumentException("benchmarks inside Node run on its one JS thread: use -t 1");
  }

  /** Runs queued benchmark tasks on the calling thread until {@code done} says stop. */
  static void drain(java.util.function.BooleanSupplier done) throws InterruptedException {
    while (!done.getAsBoolean()) {
      Runnable task = TASKS.poll(20, TimeUnit.MILLISECONDS);
      if (task != null) task.run();
    }
  }

  @Override
  public void execute(Runnable command) {
    if (shutdown) throw new IllegalStateException("executor is shut down");
    TASKS.add(command);
  }

  @Override
  public void shutdown() {
    shutdown = true;
  }

  @Override
  public List<Runnable> shutdownNow() {
    shutdown = true;
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    return shutdown && TASKS.isEmpty();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return isTerminated();
  }
}
