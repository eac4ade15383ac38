package dev.napijava.tests;

import dev.napijava.Addon;
import dev.napijava.Deferred;
import dev.napijava.Env;
import dev.napijava.JsError;
import dev.napijava.NapiException;
import dev.napijava.Status;
import dev.napijava.ThreadsafeFunction;
import dev.napijava.value.JsFunction;
import dev.napijava.value.JsObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** ThreadsafeFunction: the seed examples and the behaviour around them. */
public final class Threadsafe implements Addon {
  /** A failed download, carried to JS with its own class and code. */
  public static final class DownloadException extends JsError {
    private static final long serialVersionUID = 1L;

    DownloadException(String message) {
      super(Kind.ERROR, "ERR_DOWNLOAD_FAILED", message, null);
    }
  }

  /** Producer threads that stopped because their function closed, over all envs (no JS handles). */
  private static final AtomicInteger CLOSED_PRODUCERS = new AtomicInteger();
  private static final AtomicInteger STARTED_PRODUCERS = new AtomicInteger();

  /** Outcomes of the futures of callUntilClosed, over all envs (no JS handles). */
  static final class CallOutcomes {
    static final AtomicInteger MADE = new AtomicInteger();
    static final AtomicInteger OK = new AtomicInteger();
    static final AtomicInteger CLOSING = new AtomicInteger();
    static final AtomicInteger RELEASED = new AtomicInteger();
    static final java.util.Set<String> OTHER = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static void settled(Throwable failure) {
      if (failure == null) {
        OK.incrementAndGet();
      } else if (failure instanceof NapiException e && e.status() == Status.CLOSING) {
        CLOSING.incrementAndGet();
      } else if (OTHER.size() < 20) {
        OTHER.add(failure instanceof NapiException e ? "future failed with " + e.status() : "future failed with " + failure);
      }
    }

    static Map<String, Object> snapshot() {
      return Map.of("made", MADE.get(), "ok", OK.get(), "closing", CLOSING.get(), "released", RELEASED.get(),
          "other", List.copyOf(OTHER));
    }
  }

  @Override
  public void init(Env env, JsObject exports) {
    // monitorSystemResources(callback): five readings as (err, value), in order, from a Java thread.
    exports.setFunction("monitorSystemResources", call -> {
      ThreadsafeFunction<Integer> tsfn = ThreadsafeFunction.<Integer>builder(call.function(0)).errorFirst(true).build();
      background("monitor", () -> {
        try (tsfn) {
          for (int reading = 40; reading <= 60; reading += 5) tsfn.put(reading);
        }
      });
      return null;
    }, "callback");

    // startFileWatcher(callback): queue of 10, blocking calls of (filename, size).
    exports.setFunction("startFileWatcher", call -> {
      ThreadsafeFunction<Object[]> tsfn = ThreadsafeFunction.<Object[]>builder(call.function(0))
          .maxQueueSize(10).arguments((e, change) -> change).build();
      background("watcher", () -> {
        try (tsfn) {
          tsfn.put(new Object[] {"config.json", 1024});
          tsfn.put(new Object[] {"data.csv", 2048});
          tsfn.put(new Object[] {"index.html", 512});
        }
      });
      return null;
    }, "callback");

    // downloadFileWithProgress(url, callback): progress 0, 20, 40, then an error at 60%.
    exports.setFunction("downloadFileWithProgress", call -> {
      String url = call.string(0);
      ThreadsafeFunction<Integer> tsfn = ThreadsafeFunction.<Integer>builder(call.function(1)).errorFirst(true).build();
      background("download", () -> {
        try (tsfn) {
          for (int progress = 0; progress < 60; progress += 20) tsfn.put(progress);
          tsfn.putError(new DownloadException("download of " + url + " failed at 60%"));
        }
      });
      return null;
    }, "url", "callback");

    // A strong function keeps Node alive until released after delayMs.
    exports.setFunction("strongUntil", call -> {
      long delay = Args.inRange("strongUntil", "delayMs", call.int64(0), 0, 600_000);
      ThreadsafeFunction<String> tsfn = ThreadsafeFunction.<String>builder(call.function(1)).build();
      background("strong", () -> {
        try (tsfn) {
          Thread.sleep(delay);
          tsfn.put("released");
        }
      });
      return null;
    }, "delayMs", "callback");

    // produce(threads, perThread, callback): callback(thread, seq) from several holders; the
    // promise resolves with the number of calls once the function is finalized.
    exports.setFunction("produce", call -> {
      int threads = call.int32(0);
      int perThread = call.int32(1);
      JsFunction callback = call.function(2);
      Deferred done = Deferred.create(call.env());
      AtomicInteger delivered = new AtomicInteger();
      ThreadsafeFunction<int[]> tsfn = ThreadsafeFunction.<int[]>builder(callback).maxQueueSize(64)
          .arguments((e, item) -> {
            delivered.incrementAndGet();
            return new Object[] {item[0], item[1]};
          })
          .onFinalize(e -> done.resolve(delivered.get())).build();
      for (int t = 1; t < threads; t++) tsfn.acquire();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        background("producer-" + t, () -> {
          try (tsfn) {
            for (int seq = 0; seq < perThread; seq++) tsfn.put(new int[] {thread, seq});
          }
        });
      }
      return done.promise();
    }, "threads", "perThread", "callback");

    // offerUntilFull(capacity, callback): on the JS thread, offers until refused; returns how many fit.
    exports.setFunction("offerUntilFull", call -> {
      int capacity = Args.inRange("offerUntilFull", "capacity", call.int32(0), Integer.MIN_VALUE, 1_000_000); // the builder checks < 0
      try (ThreadsafeFunction<Integer> tsfn = ThreadsafeFunction.<Integer>builder(call.function(1)).maxQueueSize(capacity).build()) {
        int accepted = 0;
        while (tsfn.offer(accepted)) accepted++;
        return accepted;
      }
    }, "capacity", "callback");

    // putOnJsThread(capacity, count, callback): put() on the JS thread; throws once the queue is full.
    exports.setFunction("putOnJsThread", call -> {
      int capacity = Args.inRange("putOnJsThread", "capacity", call.int32(0), Integer.MIN_VALUE, 1_000_000);
      int count = Args.inRange("putOnJsThread", "count", call.int32(1), 0, 1_000_000);
      try (ThreadsafeFunction<Integer> tsfn = ThreadsafeFunction.<Integer>builder(call.function(2)).maxQueueSize(capacity).build()) {
        for (int i = 0; i < count; i++) tsfn.put(i);
        return count;
      }
    }, "capacity", "count", "callback");

    // abortQueued(callback): queues three calls, aborts, then reports what later calls do.
    exports.setFunction("abortQueued", call -> {
      ThreadsafeFunction<Integer> tsfn = ThreadsafeFunction.<Integer>builder(call.function(0)).build();
      for (int i = 0; i < 3; i++) tsfn.offer(i);
      CompletableFuture<Object> pending = tsfn.call(99);
      tsfn.abort();
      List<String> outcome = new ArrayList<>();
      outcome.add("closed=" + tsfn.isClosed());
      try {
        tsfn.offer(4);
        outcome.add("offer accepted");
      } catch (NapiException e) {
        outcome.add("offer: " + e.status());
      }
      Deferred result = Deferred.create(call.env());
      pending.whenComplete((value, failure) -> {
        outcome.add("call: " + (failure instanceof NapiException n ? n.status() : String.valueOf(value)));
        result.resolve(List.copyOf(outcome));
      });
      return result.promise();
    }, "callback");

    // releaseTwice(callback): the second release throws.
    exports.setFunction("releaseTwice", call -> {
      ThreadsafeFunction<Integer> tsfn = ThreadsafeFunction.<Integer>builder(call.function(0)).build();
      tsfn.release();
      tsfn.release();
      return null;
    }, "callback");

    // callForResult(callback, value): the JS result (a Promise is awaited) reaches Java, which
    // returns it, or the failure's class and message, through a promise.
    exports.setFunction("callForResult", call -> {
      JsFunction callback = call.function(0);
      Object value = call.arg(1).toJava();
      ThreadsafeFunction<Object> tsfn = ThreadsafeFunction.builder(callback).build();
      Deferred result = Deferred.create(call.env());
      background("caller", () -> {
        try (tsfn) {
          tsfn.call(value).whenComplete((v, failure) -> result.resolve(failure == null
              ? Map.of("value", v == null ? "null" : v)
              : Map.of("failure", failure.getClass().getSimpleName() + ": " + failure.getMessage())));
        }
      });
      return result.promise();
    }, "callback", "value");

    // fireAndForget(callback, value): a plain call whose JS exception becomes uncaught in Node.
    exports.setFunction("fireAndForget", call -> {
      JsFunction callback = call.function(0);
      Object value = call.arg(1).toJava();
      ThreadsafeFunction<Object> tsfn = ThreadsafeFunction.builder(callback).build();
      background("fire", () -> {
        try (tsfn) {
          tsfn.put(value);
        }
      });
      return null;
    }, "callback", "value");

    // spam(threads, callback): Java threads call until the function closes (worker terminated,
    // process exiting), counting those that stopped with CLOSING.
    exports.setFunction("spam", call -> {
      int threads = call.int32(0);
      ThreadsafeFunction<Integer> tsfn = ThreadsafeFunction.<Integer>builder(call.function(1)).maxQueueSize(16).build();
      for (int t = 1; t < threads; t++) tsfn.acquire();
      for (int t = 0; t < threads; t++) {
        STARTED_PRODUCERS.incrementAndGet();
        Thread.ofPlatform().daemon().name("spammer-" + t).start(() -> {
          try {
            for (int i = 0; ; i++) tsfn.put(i);
          } catch (NapiException e) {
            if (e.status() == Status.CLOSING) CLOSED_PRODUCERS.incrementAndGet();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
      }
      return null;
    }, "threads", "callback");
    exports.setFunction("producers", call -> Map.of("started", STARTED_PRODUCERS.get(), "closed", CLOSED_PRODUCERS.get()));

    // callUntilClosed(threads, perThread, callback): each thread queues up to perThread call()s
    // (futures counted by outcome) until the function closes, then releases its hold, as a
    // producer does that did not see the teardown coming; callOutcomes() gives the counts.
    exports.setFunction("callUntilClosed", call -> {
      int threads = Args.inRange("callUntilClosed", "threads", call.int32(0), 1, 64);
      int perThread = Args.inRange("callUntilClosed", "perThread", call.int32(1), 0, 1_000_000);
      ThreadsafeFunction<Integer> tsfn = ThreadsafeFunction.<Integer>builder(call.function(2)).build();
      for (int t = 1; t < threads; t++) tsfn.acquire();
      for (int t = 0; t < threads; t++) {
        Thread.ofPlatform().daemon().name("caller-" + t).start(() -> {
          try {
            for (int i = 0; i < perThread; i++) {
              tsfn.call(i).whenComplete((value, failure) -> CallOutcomes.settled(failure));
              CallOutcomes.MADE.incrementAndGet();
            }
            while (!tsfn.isClosed()) Thread.sleep(5);
          } catch (NapiException e) {
            if (e.status() != Status.CLOSING) CallOutcomes.OTHER.add("call threw " + e.status());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          try {
            tsfn.release(); // after the env is gone: must do nothing
            CallOutcomes.RELEASED.incrementAndGet();
          } catch (RuntimeException e) {
            CallOutcomes.OTHER.add("release threw " + e);
          }
        });
      }
      return null;
    }, "threads", "perThread", "callback");
    exports.setFunction("callOutcomes", call -> CallOutcomes.snapshot());

    // unrefThenRef(callback): a function unref'd then ref'd again keeps Node alive until released.
    exports.setFunction("refUnref", call -> {
      ThreadsafeFunction<String> tsfn = ThreadsafeFunction.<String>builder(call.function(0)).build();
      tsfn.unref();
      tsfn.ref();
      background("ref", () -> {
        try (tsfn) {
          Thread.sleep(200);
          tsfn.put("after ref");
        }
      });
      return null;
    }, "callback");
  }

  /** Work of a background thread that may wait. */
  interface Work {
    void run() throws Exception;
  }

  static void background(String name, Work work) {
    Thread.ofPlatform().name(name).start(() -> {
      try {
        work.run();
      } catch (Exception e) {
        System.err.println(name + " failed: " + e);
      }
    });
  }
}
