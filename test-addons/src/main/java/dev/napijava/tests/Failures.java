package dev.napijava.tests;

import dev.napijava.Addon;
import dev.napijava.AsyncTask;
import dev.napijava.Channel;
import dev.napijava.Deferred;
import dev.napijava.Env;
import dev.napijava.EnvLocal;
import dev.napijava.HandleScope;
import dev.napijava.JsException;
import dev.napijava.JsRef;
import dev.napijava.NapiException;
import dev.napijava.Promises;
import dev.napijava.ThreadsafeFunction;
import dev.napijava.value.JsFunction;
import dev.napijava.value.JsObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The failure modes of issue 13, each made reachable from JS: misuse that must not crash Node,
 * waits on the JS thread that must fail fast instead of hanging, memory held across the two
 * heaps, and teardown with Java threads still calling. Paired with {@code js/failures.test.mjs},
 * which runs the crashy ones in child processes.
 */
public final class Failures implements Addon {
  /** What Java threads saw at a worker's teardown, over all envs (strings and counts only, no JS handles). */
  private static final AtomicReference<String> LATE_RELEASE = new AtomicReference<>("not yet");
  private static final Map<String, AtomicInteger> CALL_OUTCOMES = new ConcurrentHashMap<>();
  private static final AtomicInteger CALLERS_RUNNING = new AtomicInteger();

  /** Per env: a JS exception kept past the call that caught it, and the progress of a finished task. */
  private static final EnvLocal<AtomicReference<JsException>> KEPT_EXCEPTION = EnvLocal.withInitial(env -> new AtomicReference<>());
  private static final EnvLocal<AtomicReference<AsyncTask.Progress>> KEPT_PROGRESS = EnvLocal.withInitial(env -> new AtomicReference<>());

  @Override
  public void init(Env env, JsObject exports) {
    // --- item 2: Errors (not Exceptions) inside a Java function ---
    // exhaustHeap(): allocates 1 MB arrays until the Java heap is full; the OutOfMemoryError
    // leaves the function (the arrays become garbage as it unwinds).
    exports.setFunction("exhaustHeap", call -> {
      List<byte[]> hog = new ArrayList<>();
      while (true) hog.add(new byte[1 << 20]);
    });
    exports.setFunction("heapUsedMegabytes", call -> {
      Runtime runtime = Runtime.getRuntime();
      return (runtime.totalMemory() - runtime.freeMemory()) >> 20;
    });
    exports.setFunction("gcJava", call -> {
      System.gc();
      return null;
    });

    // --- item 3: memory that one heap keeps alive in the other ---
    // bigClosure(): a small JS function that holds a new 1 MB Java array; returns its length.
    exports.setFunction("bigClosure", call -> {
      byte[] payload = new byte[1 << 20];
      return call.env().function("holder", inner -> payload.length);
    });
    // dropRefTo(value): a strong reference to value that nobody closes.
    exports.setFunction("dropRefTo", call -> {
      JsRef.strong(call.object(0));
      return null;
    }, "value");

    // --- item 4: waits on the JS thread for what only the JS thread can do ---
    exports.setFunction("joinThreadsafeCall", call -> {
      try (ThreadsafeFunction<Object> tsfn = ThreadsafeFunction.builder(call.function(0)).build()) {
        return tsfn.call("from the JS thread").join();
      }
    }, "callback");
    exports.setFunction("joinChannelSend", call -> Channel.of(call.env()).send(jsEnv -> "sent").join());
    exports.setFunction("joinPromiseAwait", call -> Promises.await(call.arg(0)).join(), "promise");
    // joinBlockedProducer(callback): a producer fills a queue of one and blocks in put(); the JS
    // thread joins it. Returns what the producer's put() threw (its status), or "no exception".
    exports.setFunction("joinBlockedProducer", call -> {
      ThreadsafeFunction<Integer> tsfn = ThreadsafeFunction.<Integer>builder(call.function(0)).maxQueueSize(1).build();
      AtomicReference<String> outcome = new AtomicReference<>("no exception");
      Thread producer = Thread.ofPlatform().name("blocked-producer").start(() -> {
        try (tsfn) {
          for (int i = 0; i < 3; i++) tsfn.put(i);
        } catch (NapiException e) {
          outcome.set(e.status().name());
        } catch (InterruptedException e) {
          outcome.set("interrupted");
        }
      });
      producer.join();
      return outcome.get();
    }, "callback");

    // --- item 6: scopes and exceptions that outlive their scope ---
    exports.setFunction("leaveScopeOpen", call -> {
      call.env().openScope();
      call.env().string("made in the scope left open");
      return "returned";
    });
    exports.setFunction("leaveNestedScopesOpen", call -> {
      HandleScope closed = call.env().openScope();
      closed.close();
      call.env().openScope();
      call.env().openEscapableScope();
      return "returned";
    });
    // rethrowAfterScope(fn): catches fn's throw in an inner scope, closes it, makes other values
    // in the outer scope, then throws the exception again.
    exports.setFunction("rethrowAfterScope", call -> {
      JsException caught = null;
      try (HandleScope scope = call.env().openScope()) {
        call.function(0).call();
      } catch (JsException e) {
        caught = e;
      }
      for (int i = 0; i < 16; i++) call.env().string("filler-" + i);
      if (caught != null) throw caught;
      return "fn did not throw";
    }, "fn");
    // keepException(fn) then rethrowKept(): the exception rethrown in a later call.
    exports.setFunction("keepException", call -> {
      try {
        call.function(0).call();
        return false;
      } catch (JsException e) {
        KEPT_EXCEPTION.get(call.env()).set(e);
        return true;
      }
    }, "fn");
    exports.setFunction("rethrowKept", call -> {
      for (int i = 0; i < 16; i++) call.env().string("filler-" + i);
      JsException kept = KEPT_EXCEPTION.get(call.env()).getAndSet(null);
      if (kept == null) return "nothing kept";
      throw kept;
    });

    // --- item 7: late calls at teardown, late progress ---
    // holdPastTeardown(callback): a Java thread holds a threadsafe function until its env is
    // torn down, then releases it; lateRelease() tells what that release did.
    exports.setFunction("holdPastTeardown", call -> {
      Env jsEnv = call.env();
      LATE_RELEASE.set("not yet");
      ThreadsafeFunction<Integer> tsfn = ThreadsafeFunction.<Integer>builder(call.function(0)).build();
      tsfn.acquire();
      Thread.ofPlatform().daemon().name("late-holder").start(() -> {
        try {
          while (!jsEnv.isClosed()) Thread.sleep(5);
          tsfn.release();
          LATE_RELEASE.set("released");
        } catch (NapiException e) {
          LATE_RELEASE.set("NapiException " + e.status());
        } catch (Throwable t) {
          LATE_RELEASE.set(t.getClass().getName() + ": " + t.getMessage());
        }
      });
      return null;
    }, "callback");
    exports.setFunction("lateRelease", call -> LATE_RELEASE.get());
    // callUntilClosed(threads, callback): Java threads queue call()s (queue of 256) until the
    // function closes; every future's outcome is counted by kind: "ok", a status, or a class.
    exports.setFunction("callUntilClosed", call -> {
      int threads = call.int32(0);
      ThreadsafeFunction<Integer> tsfn = ThreadsafeFunction.<Integer>builder(call.function(1)).maxQueueSize(256).build();
      for (int t = 1; t < threads; t++) tsfn.acquire();
      for (int t = 0; t < threads; t++) {
        CALLERS_RUNNING.incrementAndGet();
        Thread.ofPlatform().daemon().name("caller-" + t).start(() -> {
          try {
            for (int i = 0; ; i++) {
              tsfn.call(i).whenComplete((value, failure) -> count(failure == null ? "ok" : describe(failure)));
            }
          } catch (NapiException e) {
            count("thrown " + e.status());
          } catch (Throwable t2) {
            count("thrown " + t2.getClass().getName());
          } finally {
            CALLERS_RUNNING.decrementAndGet();
          }
        });
      }
      return null;
    }, "threads", "callback");
    exports.setFunction("callOutcomes", call -> {
      Map<String, Integer> counts = new TreeMap<>();
      CALL_OUTCOMES.forEach((kind, n) -> counts.put(kind, n.get()));
      return Map.of("running", CALLERS_RUNNING.get(), "outcomes", counts);
    });
    // progressAfterReturn(): a task that keeps its Progress and returns "done";
    // reportLate(value) then reports through the kept Progress.
    exports.setFunction("progressAfterReturn", call -> {
      AtomicReference<AsyncTask.Progress> kept = KEPT_PROGRESS.get(call.env());
      return AsyncTask.builder(progress -> {
        kept.set(progress);
        return "done";
      }).onProgress(call.function(0)).start(call.env()).promise();
    }, "onProgress");
    exports.setFunction("reportLate", call -> {
      AsyncTask.Progress progress = KEPT_PROGRESS.get(call.env()).get();
      if (progress == null) return "no progress kept";
      progress.report(call.arg(0).toJava());
      return "reported";
    }, "value");
    // defaultTaskSleeping(ms): a task on the default executor that sleeps ms.
    exports.setFunction("defaultTaskSleeping", call -> {
      long ms = call.int64(0);
      return AsyncTask.builder(progress -> {
        Thread.sleep(ms);
        return ms;
      }).start(call.env()).promise();
    }, "ms");

    // --- item 8: a JS rejection through Java, back to JS ---
    // rejectThroughCall(callback): call() on a Java thread; the promise rejects with its failure.
    exports.setFunction("rejectThroughCall", call -> {
      ThreadsafeFunction<Object> tsfn = ThreadsafeFunction.builder(call.function(0)).build();
      Deferred result = Deferred.create(call.env());
      Thread.ofPlatform().name("rejecting-caller").start(() -> {
        try (tsfn) {
          tsfn.call(null).whenComplete((value, failure) -> {
            if (failure != null) result.reject(failure); else result.resolve(value);
          });
        } catch (Throwable t) {
          result.reject(t);
        }
      });
      return result.promise();
    }, "callback");
    // rejectThroughAwait(promise): Promises.await; the returned promise settles as it does.
    exports.setFunction("rejectThroughAwait", call -> {
      Deferred result = Deferred.create(call.env());
      Promises.await(call.arg(0)).whenComplete((value, failure) -> {
        if (failure != null) result.reject(failure); else result.resolve(value);
      });
      return result.promise();
    }, "promise");
  }

  private static void count(String kind) {
    CALL_OUTCOMES.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
  }

  private static String describe(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    return cause instanceof NapiException n ? n.status().name() : cause.getClass().getSimpleName();
  }
}
