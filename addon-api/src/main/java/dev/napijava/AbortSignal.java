package dev.napijava;

import dev.napijava.internal.NodeEnv;
import dev.napijava.internal.OwnedRef;
import dev.napijava.value.JsBoolean;
import dev.napijava.value.JsExternal;
import dev.napijava.value.JsFunction;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsSymbol;
import dev.napijava.value.JsValue;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A JS {@code AbortSignal} seen from Java: the cancellation token of napi-java's async work,
 * as Node's own APIs take {@code { signal }}.
 *
 * <p>How work is cancelled: JS aborts the signal ({@code controller.abort(reason)}); the
 * signal's {@code abort} event runs, on the JS thread, every action registered with
 * {@link #onAbort}. An {@link AsyncTask} built with {@link AsyncTask.Builder#signal} and a
 * {@link JsExport} method that takes an {@code AbortSignal} and returns a
 * {@code CompletionStage} reject their Promise at once with the signal's {@code reason} (a
 * {@code DOMException} named {@code AbortError} when JS gave none, as with Node's APIs). Work
 * that has not started never starts. <b>Work that is running sees its thread's interrupt</b>:
 * the task's thread is interrupted, so a virtual thread parked in {@code sleep}, a blocking
 * queue, a lock or interruptible I/O wakes with {@link InterruptedException}, and a loop of
 * computation stops if it checks {@link Thread#isInterrupted()} (or {@link #isAborted()}, this
 * token). The outcome that such work returns afterwards is dropped. Aborting after the
 * Promise settled does nothing.
 *
 * <p>One Java object stands for one JS signal in an env ({@link #of} gives the same one each
 * time, and adds one {@code abort} listener to the signal, not one per use), so that a signal
 * shared by many calls collects no listeners. The Java object holds no reference to the JS
 * signal: the signal may be collected while Java work still checks its token.
 *
 * <p>Thread: {@link #of} and {@link #reason} on the JS thread of the signal's env;
 * {@link #none}, {@link #isAborted}, {@link #throwIfAborted}, {@link #onAbort} and
 * {@link #supplyAsync} on any thread. Actions registered with {@link #onAbort} run on the JS
 * thread (or at once on the registering thread if the signal is already aborted).
 */
public final class AbortSignal {
  /** A registered abort action; closing it unregisters the action. Thread: any thread. */
  public interface Registration extends AutoCloseable {
    /** Unregisters the action (it will not run if it has not already). Thread: any thread. */
    @Override
    void close();
  }

  /** An action that gets the signal's reason, on the JS thread. Thread: the JS thread. */
  interface Listener {
    void aborted(NodeEnv env, JsValue reason);
  }

  private static final AbortSignal NONE = new AbortSignal(null);
  private static final Object CACHE = new Object();

  /** The env's map from JS signals to their Java objects, and the AbortSignal class. */
  private record Cache(OwnedRef<JsObject> map, OwnedRef<JsFunction> type) {}

  private final NodeEnv env;
  private volatile boolean aborted;
  /**
   * The reason as a strong reference (an object or symbol, released when this object is
   * collected) or as its Java copy (a primitive).
   */
  private Object reason;
  private final ConcurrentLinkedQueue<Entry> listeners = new ConcurrentLinkedQueue<>();

  private final class Entry implements Registration {
    final Listener listener;

    Entry(Listener listener) {
      this.listener = listener;
    }

    @Override
    public void close() {
      listeners.remove(this);
    }
  }

  private AbortSignal(NodeEnv env) {
    this.env = env;
  }

  /**
   * The Java view of the JS AbortSignal {@code value}. Throws a {@code TypeError} when
   * {@code value} is not an AbortSignal. Thread: the JS thread of {@code value}'s env.
   */
  public static AbortSignal of(JsValue value) {
    return of(value, "the signal");
  }

  /** {@link #of(JsValue)}, whose {@code TypeError} names the value {@code where}. */
  static AbortSignal of(JsValue value, String where) {
    NodeEnv env = (NodeEnv) value.env();
    Cache cache = env.local(CACHE, node -> {
      JsObject global = node.global();
      JsFunction weakMap = global.get("WeakMap").as(JsFunction.class);
      JsValue type = global.get("AbortSignal");
      if (!(type instanceof JsFunction function)) throw new IllegalStateException("this JS runtime has no AbortSignal");
      return new Cache(new OwnedRef<>(weakMap.construct()), new OwnedRef<>(function));
    });
    if (!(value instanceof JsObject object) || !object.isInstanceOf(cache.type().get())) {
      throw JsError.typeError(where + " must be an AbortSignal, got " + value.typeName());
    }
    JsObject map = cache.map().get();
    JsValue known = map.get("get").as(JsFunction.class).callWith(map, object);
    if (known instanceof JsExternal<?> external && external.get() instanceof AbortSignal signal) return signal;
    AbortSignal signal = new AbortSignal(env);
    if (object.get("aborted") instanceof JsBoolean flag && flag.value()) {
      signal.abortNow(env, object.get("reason"));
    } else {
      JsFunction listener = env.function("onabort", call -> {
        JsValue target = call.arg(0) instanceof JsObject event ? event.get("target") : call.thisArg();
        signal.abortNow(env, target instanceof JsObject js ? js.get("reason") : env.undefined());
        return null;
      }, "event?");
      JsObject options = env.object().set("once", true);
      object.get("addEventListener").as(JsFunction.class).callWith(object, "abort", listener, options);
    }
    map.get("set").as(JsFunction.class).callWith(map, object, JsExternal.of(env, signal));
    return signal;
  }

  /** A signal that never aborts, for work that was given none. Thread: any thread. */
  public static AbortSignal none() {
    return NONE;
  }

  /** Whether the signal has aborted. Thread: any thread. */
  public boolean isAborted() {
    return aborted;
  }

  /**
   * Throws a {@link CancellationException} if the signal has aborted (for loops that poll the
   * token rather than their thread's interrupt). Thread: any thread.
   */
  public void throwIfAborted() {
    if (aborted) throw new CancellationException("aborted by its AbortSignal");
  }

  /**
   * The signal's {@code reason}, or {@code undefined} while it has not aborted. Thread: the JS
   * thread of its env.
   */
  public JsValue reason() {
    if (env == null) throw new IllegalStateException("AbortSignal.none() has no env and no reason");
    env.checkThread();
    Object kept = reason;
    if (kept instanceof JsRef<?> ref) return ref.get();
    return env.toJs(kept);
  }

  /**
   * Runs {@code action} when the signal aborts, on the JS thread inside the {@code abort}
   * event; at once on the calling thread if it already has. Thread: any thread.
   */
  public Registration onAbort(Runnable action) {
    Objects.requireNonNull(action);
    return listen((env, why) -> action.run(), () -> action.run());
  }

  /**
   * Runs {@code work} on a new virtual thread and completes the future with its result; when
   * the signal aborts, that thread is interrupted and the future fails with a
   * {@link CancellationException} (so does it when the future is cancelled). A signal already
   * aborted starts no thread. For a {@link JsExport} method that takes this signal and returns
   * the future. Thread: any thread.
   */
  public <T> CompletableFuture<T> supplyAsync(Callable<T> work) {
    Objects.requireNonNull(work);
    AtomicReference<Thread> runner = new AtomicReference<>();
    CompletableFuture<T> future = new CompletableFuture<>() {
      @Override
      public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        Thread thread;
        synchronized (runner) {
          thread = runner.get();
        }
        if (cancelled && thread != null) thread.interrupt();
        return cancelled;
      }
    };
    if (aborted) {
      future.cancel(false);
      return future;
    }
    Thread thread = Thread.ofVirtual().name("napi-java abortable work").unstarted(() -> {
      try {
        if (!future.isDone()) future.complete(work.call());
      } catch (Throwable t) {
        future.completeExceptionally(t);
      } finally {
        synchronized (runner) {
          runner.set(null);
          Thread.interrupted(); // an interrupt that came as the work ended is not kept
        }
      }
    });
    runner.set(thread);
    Registration registration = onAbort(() -> future.cancel(true));
    future.whenComplete((value, failure) -> registration.close());
    thread.start();
    return future;
  }

  /**
   * Registers {@code listener} for the abort; if the signal has already aborted, runs
   * {@code now} at once instead. The listener runs at most once. Thread: any thread.
   */
  Registration listen(Listener listener, Runnable now) {
    if (this == NONE) return () -> {};
    Entry entry = new Entry(listener);
    listeners.add(entry);
    // An abort that ran meanwhile may have missed the entry: whoever removes it runs it.
    if (aborted && listeners.remove(entry)) now.run();
    return entry;
  }

  /** The abort: records the reason, then runs and forgets every listener. Thread: the JS thread. */
  private void abortNow(NodeEnv jsEnv, JsValue why) {
    if (aborted) return;
    reason = why instanceof JsObject || why instanceof JsSymbol ? JsRef.strong(why) : why.toJava();
    aborted = true;
    for (Entry entry; (entry = listeners.poll()) != null; ) {
      try {
        entry.listener.aborted(jsEnv, why);
      } catch (RuntimeException e) {
        dev.napijava.internal.Errors.raiseUncaught(jsEnv, e);
      }
    }
  }
}
