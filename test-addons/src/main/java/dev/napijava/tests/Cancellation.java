package dev.napijava.tests;

import dev.napijava.AbortSignal;
import dev.napijava.Addon;
import dev.napijava.AsyncTask;
import dev.napijava.CallInfo;
import dev.napijava.Deferred;
import dev.napijava.Env;
import dev.napijava.JsExport;
import dev.napijava.value.JsFunction;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsUndefined;
import dev.napijava.value.JsValue;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cancellation with {@code AbortSignal}: async tasks (virtual threads, an executor, libuv's
 * pool) and a {@code @JsExport} method returning a {@code CompletableFuture}, aborted before
 * they start, while they run, and after they finished.
 */
public final class Cancellation implements Addon {
  /** Works that began, and how each one ended. */
  private static final AtomicInteger STARTED = new AtomicInteger();
  private static final AtomicInteger INTERRUPTED = new AtomicInteger();
  private static final AtomicInteger COMPLETED = new AtomicInteger();
  /** The one thread of the gated executor, held by {@link #GATE} until JS opens it. */
  private static final ExecutorService GATED = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "gated executor");
    thread.setDaemon(true);
    return thread;
  });
  private static final Semaphore GATE = new Semaphore(0);

  @Override
  public void init(Env env, JsObject exports) {
    CancellationExports.register(env, exports);
    // sleepTask(ms, signal?, where?, onStarted?): a task that sleeps ms and resolves 'slept';
    // where is 'virtual' (default), 'pool' or 'gated'. onStarted() is called (a progress report)
    // once the work runs.
    exports.setFunction("sleepTask", call -> {
      int ms = Args.inRange("sleepTask", "ms", call.int32(0), 0, 600_000);
      String where = call.arg(2) instanceof JsUndefined ? "virtual" : call.string(2);
      JsFunction onStarted = call.arg(3) instanceof JsUndefined ? null : call.function(3);
      AbortSignal signal = optionalSignal(call, 1);
      AsyncTask.Builder<String> builder = AsyncTask.builder(progress -> {
        STARTED.incrementAndGet();
        progress.report(true);
        try {
          Thread.sleep(ms);
        } catch (InterruptedException e) {
          INTERRUPTED.incrementAndGet();
          throw e;
        }
        COMPLETED.incrementAndGet();
        return "slept";
      }).signal(signal);
      switch (where) {
        case "virtual" -> { }
        case "pool" -> builder.onLibuvPool();
        case "gated" -> builder.executor(GATED);
        default -> throw call.typeError(2, "'virtual', 'pool' or 'gated'");
      }
      if (onStarted != null) builder.onProgress(onStarted);
      return builder.start(call.env()).promise();
    }, "ms", "signal?", "where?", "onStarted?");
    // callbackTask(signal, callback): a task that waits to be interrupted, delivering to callback(err, value).
    exports.setFunction("callbackTask", call -> {
      JsFunction callback = call.function(1);
      AbortSignal signal = AbortSignal.of(call.arg(0));
      AsyncTask.builder(progress -> {
        Thread.sleep(600_000);
        return "woke";
      }).signal(signal).callback(callback).start(call.env());
      return null;
    }, "signal", "callback");
    // holdGate(): occupies the gated executor's thread until openGate().
    exports.setFunction("holdGate", call -> {
      GATED.execute(GATE::acquireUninterruptibly);
      return null;
    });
    // openGate(): lets the gated executor run; resolves once every task queued before ran (or skipped).
    exports.setFunction("openGate", call -> {
      GATE.release();
      Deferred drained = Deferred.create(call.env());
      GATED.execute(() -> drained.resolve(true));
      return drained.promise();
    });
    exports.setFunction("counts", call -> Map.of("started", STARTED.get(), "interrupted", INTERRUPTED.get(),
        "completed", COMPLETED.get()));
    // sameSignal(signal): whether two views of one JS signal are the same Java object.
    exports.setFunction("sameSignal", call -> AbortSignal.of(call.arg(0)) == AbortSignal.of(call.arg(0)), "signal");
    // signalState(signal): what Java sees of it.
    exports.setFunction("signalState", call -> {
      AbortSignal signal = AbortSignal.of(call.arg(0));
      return Map.of("aborted", signal.isAborted(), "reason", signal.reason());
    }, "signal");
  }

  private static AbortSignal optionalSignal(CallInfo call, int index) {
    JsValue value = call.arg(index);
    return value instanceof JsUndefined || value instanceof dev.napijava.value.JsNull ? AbortSignal.none() : AbortSignal.of(value);
  }

  /**
   * Waits {@code ms} on a virtual thread and resolves {@code text}; the signal interrupts the
   * thread. The calls that began are counted in {@link #counts}.
   */
  @JsExport
  public static CompletableFuture<String> slowEcho(String text, int ms, AbortSignal signal) {
    return signal.supplyAsync(() -> {
      STARTED.incrementAndGet();
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        INTERRUPTED.incrementAndGet();
        throw e;
      }
      COMPLETED.incrementAndGet();
      return text;
    });
  }

  /** A future completed by Java at once; the signal can only come after. */
  @JsExport
  public static CompletableFuture<Integer> quickAnswer(AbortSignal signal) {
    return CompletableFuture.completedFuture(signal.isAborted() ? -1 : 42);
  }
}
