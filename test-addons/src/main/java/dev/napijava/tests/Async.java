package dev.napijava.tests;

import dev.napijava.Addon;
import dev.napijava.AsyncTask;
import dev.napijava.Deferred;
import dev.napijava.Env;
import dev.napijava.EnvLocal;
import dev.napijava.JsRef;
import dev.napijava.Promises;
import dev.napijava.value.JsFunction;
import dev.napijava.value.JsObject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Async tasks, promises, references and per-env state: the seed examples and their tests. */
public final class Async implements Addon {
  /** Virtual threads for tasks that should not hold libuv's pool (shared by every env: no JS handles). */
  private static final ExecutorService VIRTUAL = Executors.newVirtualThreadPerTaskExecutor();

  /** Per-env state that counts how many are open (over all envs) and closes with its env. */
  static final class EnvState implements AutoCloseable {
    static final AtomicInteger OPEN = new AtomicInteger();
    static final AtomicInteger CLOSED = new AtomicInteger();
    int calls;

    EnvState() {
      OPEN.incrementAndGet();
    }

    @Override
    public void close() {
      OPEN.decrementAndGet();
      CLOSED.incrementAndGet();
    }
  }

  private static final EnvLocal<EnvState> STATE = EnvLocal.withInitial(env -> new EnvState());
  private static final AtomicInteger THREAD_ID_LOOKUPS = new AtomicInteger();
  private static final AtomicBoolean CHURNING = new AtomicBoolean();
  // neon's thread-local example: require('worker_threads').threadId, looked up once per env.
  private static final EnvLocal<Integer> THREAD_ID = EnvLocal.withInitial(env -> {
    THREAD_ID_LOOKUPS.incrementAndGet();
    JsObject workerThreads = env.require("worker_threads").as(JsObject.class);
    return (int) workerThreads.getNumber("threadId");
  });

  @Override
  public void init(Env env, JsObject exports) {
    exports.setFunction("performAsyncTaskPromise", call -> AsyncTask.builder(progress -> 17).start(call.env()).promise());
    // manyOnPool(count, sleepMs): count tasks on libuv's pool, each sleeping sleepMs and
    // returning its index; resolves [results in order of delivery, most tasks seen at once].
    exports.setFunction("manyOnPool", call -> {
      int count = Args.inRange("manyOnPool", "count", call.int32(0), 1, 20_000);
      int sleepMs = Args.inRange("manyOnPool", "sleepMs", call.int32(1), 0, 100);
      AtomicInteger running = new AtomicInteger();
      AtomicInteger most = new AtomicInteger();
      Deferred done = Deferred.create(call.env());
      var results = new ArrayList<Integer>();
      JsFunction collect = call.env().function("collect", inner -> {
        results.add(inner.int32(1));
        if (results.size() == count) done.resolve(List.of(results, most.get()));
        return null;
      }, "err", "value");
      for (int i = 0; i < count; i++) {
        int index = i;
        AsyncTask.builder(progress -> {
          most.accumulateAndGet(running.incrementAndGet(), Math::max);
          try {
            if (sleepMs > 0) Thread.sleep(sleepMs);
          } finally {
            running.decrementAndGet();
          }
          return index;
        }).callback(collect).onLibuvPool().start(call.env());
      }
      return done.promise();
    }, "count", "sleepMs");

    // churnFor(ms): a daemon Java thread allocates and runs System.gc() for ms milliseconds
    // (1 to 3,000), as a JVM may still be doing when Node exits. One such thread at a time in
    // the process (the fuzzer calls this too): false if one already runs.
    exports.setFunction("churnFor", call -> {
      long until = System.nanoTime() + Args.inRange("churnFor", "ms", call.int32(0), 1, 3000) * 1_000_000L;
      if (!CHURNING.compareAndSet(false, true)) return false;
      Thread.ofPlatform().daemon(true).name("churn").start(() -> {
        try {
          while (System.nanoTime() < until) {
            List<byte[]> garbage = new ArrayList<>();
            for (int i = 0; i < 256; i++) garbage.add(new byte[4096]);
            if (garbage.size() == 256) System.gc();
          }
        } finally {
          CHURNING.set(false);
        }
      });
      return true;
    }, "ms");

    exports.setFunction("performFailingTaskPromise", call -> AsyncTask.builder(progress -> {
      throw new IllegalStateException("I am a failing task", new ArithmeticException("the cause"));
    }).start(call.env()).promise());

    // fibonacci(n): the n-th Fibonacci number as a BigInt, computed on a pool thread.
    exports.setFunction("fibonacci", call -> {
      int n = call.int32(0);
      if (n < 0) throw call.typeError(0, "a non-negative integer");
      Args.inRange("fibonacci", "n", n, 0, 200_000);
      return AsyncTask.builder(progress -> fibonacci(n)).start(call.env()).promise();
    }, "n");

    // threadId(): the worker_threads threadId of this env, cached per env.
    exports.setFunction("threadId", call -> THREAD_ID.get(call.env()));
    exports.setFunction("threadIdLookups", call -> THREAD_ID_LOOKUPS.get());

    // sleepTask(ms, onJavaThreads): a task that blocks its thread for ms, on a Java virtual
    // thread (the default) or on libuv's pool.
    exports.setFunction("sleepTask", call -> {
      // On libuv's pool a sleeping task holds Node's exit: at most 10 s there.
      long ms = Args.inRange("sleepTask", "ms", call.int64(0), 0, call.bool(1) ? 600_000 : 10_000);
      var builder = AsyncTask.builder(progress -> {
        Thread.sleep(ms);
        return ms;
      });
      if (!call.bool(1)) builder.onLibuvPool();
      return builder.start(call.env()).promise();
    }, "ms", "onJavaThreads");

    // cancellable(ms, count): starts count pool tasks of ms each, cancels the last; returns
    // [cancelReturned, promises...].
    exports.setFunction("startAndCancelLast", call -> {
      long ms = call.int64(0);
      int count = call.int32(1);
      boolean virtual = call.bool(2);
      var array = call.env().array();
      AsyncTask<Long> last = null;
      ExecutorService oneThread = Executors.newSingleThreadExecutor();
      for (int i = 0; i < count; i++) {
        var builder = AsyncTask.<Long>builder(progress -> {
          Thread.sleep(ms);
          return ms;
        });
        if (virtual) builder.executor(oneThread); else builder.onLibuvPool();
        last = builder.start(call.env());
        array.set(i + 1, last.promise());
      }
      array.set(0, last != null && last.cancel());
      oneThread.shutdown(); // queued tasks still run
      return array;
    }, "ms", "count", "virtual");

    // withProgress(steps, onProgress, onJavaThreads): reports 1..steps, then resolves "done".
    exports.setFunction("withProgress", call -> {
      int steps = Args.inRange("withProgress", "steps", call.int32(0), Integer.MIN_VALUE, 1_000_000);
      var builder = AsyncTask.builder(progress -> {
        for (int i = 1; i <= steps; i++) progress.report(i);
        return "done";
      }).onProgress(call.function(1));
      if (!call.bool(2)) builder.onLibuvPool();
      return builder.start(call.env()).promise();
    }, "steps", "onProgress", "onJavaThreads");

    // lateProgress(onProgress, onJavaThreads): the work keeps its Progress and reports after
    // returning; resolves with the exception that late report threw (its class and message).
    exports.setFunction("lateProgress", call -> {
      CompletableFuture<AsyncTask.Progress> kept = new CompletableFuture<>();
      var builder = AsyncTask.builder(progress -> {
        kept.complete(progress);
        return "returned";
      }).onProgress(call.function(0));
      if (!call.bool(1)) builder.onLibuvPool();
      AsyncTask<String> task = builder.start(call.env());
      Deferred late = Deferred.create(call.env());
      kept.thenAcceptAsync(progress -> {
        while (!task.isDone()) sleep(1); // the outcome is delivered: the work has returned
        try {
          progress.report("too late");
          late.resolve("no exception");
        } catch (RuntimeException e) {
          late.resolve(e.getClass().getName() + ": " + e.getMessage());
        }
      }, VIRTUAL);
      return List.of(task.promise(), late.promise());
    }, "onProgress", "onJavaThreads");

    // taskWithCallback(callback, onJavaThreads): the callback of a finished task throws: uncaught in Node.
    exports.setFunction("taskWithCallback", call -> {
      var builder = AsyncTask.builder(progress -> "value").callback(call.function(0));
      if (!call.bool(1)) builder.onLibuvPool();
      builder.start(call.env());
      return null;
    }, "callback", "onJavaThreads");

    // resolveLater(value, ms): a Deferred settled from another thread.
    exports.setFunction("resolveLater", call -> {
      Object value = call.arg(0).toJava();
      long ms = call.int64(1);
      Deferred deferred = Deferred.create(call.env());
      VIRTUAL.execute(() -> {
        sleep(ms);
        deferred.resolve(value);
      });
      return deferred.promise();
    }, "value", "ms");
    exports.setFunction("rejectLater", call -> {
      String message = call.string(0);
      Deferred deferred = Deferred.create(call.env());
      VIRTUAL.execute(() -> deferred.reject(new IllegalArgumentException(message)));
      return deferred.promise();
    }, "message");

    // dropDeferred(): a Deferred that nobody settles; the garbage collector rejects it.
    exports.setFunction("dropDeferred", call -> {
      JsObject promise = Deferred.create(call.env()).promise();
      VIRTUAL.execute(() -> {
        for (int i = 0; i < 50; i++) {
          System.gc();
          sleep(20);
        }
      });
      return promise;
    });

    // futureLater(value, ms): a CompletableFuture returned to JS becomes a Promise.
    exports.setFunction("futureLater", call -> {
      Object value = call.arg(0).toJava();
      long ms = call.int64(1);
      return CompletableFuture.supplyAsync(() -> value, CompletableFuture.delayedExecutor(ms, TimeUnit.MILLISECONDS));
    }, "value", "ms");
    exports.setFunction("failedFuture", call -> CompletableFuture.failedFuture(new UnsupportedOperationException(call.string(0))), "message");

    // awaitAndDouble(promise): Java awaits a JS promise and returns twice its number.
    exports.setFunction("awaitAndDouble", call -> Promises.await(call.arg(0))
        .thenApply(value -> value instanceof Double d ? d * 2 : "not a number: " + value), "promise");

    // releaseOffThread(object): a strong reference closed by another Java thread.
    exports.setFunction("releaseOffThread", call -> {
      JsRef<JsObject> ref = JsRef.strong(call.object(0));
      Deferred released = Deferred.create(call.env());
      VIRTUAL.execute(() -> {
        ref.close();
        released.resolve(ref.isClosed());
      });
      return released.promise();
    }, "object");
    // dropRef(object): a strong reference that nobody closes; the Cleaner releases it.
    exports.setFunction("dropRef", call -> {
      JsRef.strong(call.object(0));
      VIRTUAL.execute(() -> {
        for (int i = 0; i < 20; i++) {
          System.gc();
          sleep(10);
        }
      });
      return null;
    }, "object");
    exports.setFunction("weakRefAlive", call -> {
      JsRef<JsObject> ref = JsRef.weak(call.object(0));
      return call.env().function("isAlive", inner -> ref.get() != null);
    }, "object");

    // refusedTask(): an executor that refuses the work: the start throws, nothing is left holding Node.
    exports.setFunction("refusedTask", call -> {
      ExecutorService closed = Executors.newSingleThreadExecutor();
      closed.shutdown();
      AsyncTask.builder(progress -> 1).executor(closed).start(call.env());
      return "started";
    });

    // count(): per-env state, one per env; open/closed counts over all envs.
    exports.setFunction("count", call -> ++STATE.get(call.env()).calls);
    exports.setFunction("envStates", call -> Map.of("open", EnvState.OPEN.get(), "closed", EnvState.CLOSED.get()));
  }

  static BigInteger fibonacci(int n) {
    BigInteger a = BigInteger.ZERO;
    BigInteger b = BigInteger.ONE;
    for (int i = 0; i < n; i++) {
      BigInteger next = a.add(b);
      a = b;
      b = next;
    }
    return a;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
