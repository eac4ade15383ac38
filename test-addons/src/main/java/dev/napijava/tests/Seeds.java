package dev.napijava.tests;

import dev.napijava.Addon;
import dev.napijava.AsyncTask;
import dev.napijava.Channel;
import dev.napijava.Env;
import dev.napijava.JsError;
import dev.napijava.JsExport;
import dev.napijava.JsRef;
import dev.napijava.NapiException;
import dev.napijava.ThreadsafeFunction;
import dev.napijava.value.JsFunction;
import dev.napijava.value.JsObject;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The seed examples, written with {@link JsExport} so that each reads like its original: the
 * napi-rs guide "Functions and Callbacks" (Parts 1, 2, 5 and 6) and neon's "Async Tasks".
 * Each method names the part it follows; its behaviour (arguments, calls, results) is the
 * seed's, line by line.
 */
public final class Seeds implements Addon {
  @Override
  public void init(Env env, JsObject exports) {
    SeedsExports.register(env, exports);
  }

  /** napi-rs Part 1: the callback's greeting for the upper-cased username. */
  @JsExport
  static String processUserData(String username, Function<String, String> callback) {
    String processed = username.toUpperCase(Locale.ROOT);
    return callback.apply(processed);
  }

  /** The callback of {@link #calculateSalary}: napi-rs's {@code Function<FnArgs<(f64, f64, String)>, f64>}. */
  public interface SalaryCallback {
    /** Thread: the JS thread, during the call of {@code calculateSalary}. */
    double apply(double baseAmount, double tax, String department);
  }

  /** napi-rs Part 1: calls {@code callback(baseAmount, 20% tax, "Engineering")} and returns its number. */
  @JsExport
  static double calculateSalary(double baseAmount, SalaryCallback callback) {
    double tax = baseAmount * 0.2;
    String department = "Engineering";
    return callback.apply(baseAmount, tax, department);
  }

  /**
   * napi-rs Part 2: keeps {@code callback} by reference and calls it with
   * {@code "Notification triggered!"} after {@code delayMs}; the Promise resolves (to
   * {@code undefined}) once it ran.
   */
  @JsExport
  static CompletableFuture<Void> scheduleNotification(long delayMs, JsFunction callback, Channel channel) {
    checkU32("scheduleNotification", "delayMs", 1, delayMs);
    JsRef<JsFunction> callbackRef = JsRef.strong(callback);
    return CompletableFuture.runAsync(() -> sleep(delayMs), Thread::startVirtualThread)
        .thenCompose(slept -> channel.send(env -> {
          try (callbackRef) {
            callbackRef.get().call("Notification triggered!");
          }
          return null;
        }))
        .thenApply(called -> null);
  }

  /**
   * napi-rs Part 5: from a Java thread, a blocking call of {@code highPriority(null, "CRITICAL:
   * System alert")} and a non-blocking call of {@code lowPriority(null, "INFO: Regular update")}.
   */
  @JsExport
  static void processEvents(ThreadsafeFunction<String> highPriority, ThreadsafeFunction<String> lowPriority) {
    Thread.ofPlatform().name("process-events").start(() -> {
      try (highPriority; lowPriority) {
        highPriority.put("CRITICAL: System alert");
        lowPriority.offer("INFO: Regular update");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  /**
   * napi-rs Part 5: a weak threadsafe function, called {@code (null, "Background log entry")}
   * every 10 s without blocking from a Java thread; it does not keep Node alive.
   */
  @JsExport
  static void backgroundLogger(JsFunction callback) {
    ThreadsafeFunction<String> tsfn = ThreadsafeFunction.<String>builder(callback).errorFirst(true).weak(true).build();
    Thread.ofPlatform().daemon().name("background-logger").start(() -> {
      try (tsfn) {
        while (!tsfn.isClosed()) {
          tsfn.offer("Background log entry");
          Thread.sleep(10_000);
        }
      } catch (InterruptedException | NapiException stop) {
        // interrupted, or the function closed with its env: the logger ends
      }
    });
  }

  /**
   * napi-rs Part 6: calls {@code callback(null, "user_" + userId)}, awaits the Promise it returns
   * and resolves to {@code "Enhanced: " + profile}.
   */
  @JsExport
  static CompletableFuture<String> fetchUserProfile(long userId, ThreadsafeFunction<String> callback) {
    checkU32("fetchUserProfile", "userId", 1, userId);
    CompletableFuture<String> enhanced = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try (callback) {
        callback.call("user_" + userId).whenComplete((profile, failure) -> {
          if (failure != null) enhanced.completeExceptionally(failure); else enhanced.complete("Enhanced: " + profile);
        });
      } catch (InterruptedException | RuntimeException e) {
        enhanced.completeExceptionally(e);
      }
    });
    return enhanced;
  }

  /** neon "Async Tasks": a task on a pool thread calls back {@code (null, 17)}. */
  @JsExport
  static void performAsyncTask(JsFunction callback, Env env) {
    AsyncTask.builder(progress -> 17).callback(callback).start(env);
  }

  /** neon "Handling Failing Tasks": the task fails, and calls back with the error "I am a failing task". */
  @JsExport
  static void performFailingTask(JsFunction callback, Env env) {
    AsyncTask.builder(progress -> {
      throw JsError.error("I am a failing task");
    }).callback(callback).start(env);
  }

  /** A u32 argument, as the seeds declare: a RangeError outside 0..2^32-1. */
  private static void checkU32(String function, String param, int position, long value) {
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw JsError.rangeError(function + "(): argument '" + param + "' (#" + position
          + ") must be an integer from 0 to 4294967295, got " + value);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
