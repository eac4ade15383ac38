package dev.napijava;

import dev.napijava.internal.Errors;
import dev.napijava.internal.NodeEnv;
import dev.napijava.internal.JsQueue;
import dev.napijava.internal.JsThreadFuture;
import dev.napijava.value.JsFunction;
import dev.napijava.value.JsValue;
import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A JS function that any Java thread may call ({@code napi_threadsafe_function}): each call
 * queues a payload of type {@code T}, and the JS thread later turns it into arguments and calls
 * the function. Made with {@link #builder(JsFunction)} (or {@link #builder(Env, CallJs)} for a
 * Java handler with no JS function).
 *
 * <ul>
 *   <li>{@link #put} waits while the queue is full; {@link #offer} returns false instead;
 *       {@link #call} also returns the JS result (a returned Promise is awaited).
 *   <li>Calls run in the async context of the JS call that built the function
 *       ({@code AsyncLocalStorage.getStore()} returns what it returned there), as callbacks of
 *       an async resource named {@link Builder#name}.
 *   <li>A JS exception thrown by the function fails the future of {@link #call}; for
 *       {@link #put} and {@link #offer} it becomes an uncaught exception in Node
 *       ({@code process.on('uncaughtException')}).
 *   <li>After {@link #release} by every holder, {@link #abort}, or the teardown of its env,
 *       calls throw {@link NapiException} with {@link Status#CLOSING}, and payloads still queued
 *       are dropped (their futures fail with the same status, and nothing is printed). A
 *       teardown that stops JS midway through a batch drops the rest of it the same way.
 *       {@link #release} after an abort or teardown does nothing.
 * </ul>
 *
 * <p>Thread: {@link #put}, {@link #offer}, {@link #call}, {@link #acquire}, {@link #release},
 * {@link #abort} and {@link #isClosed} from any thread; {@link #ref} and {@link #unref} from the
 * JS thread of the env only.
 */
public final class ThreadsafeFunction<T> implements AutoCloseable {
  /** Turns a payload into the arguments of the JS function. Thread: the JS thread. */
  @FunctionalInterface
  public interface Arguments<T> {
    /** The arguments for {@code value}; each is converted as {@link Env#toJs} does. */
    Object[] of(Env env, T value) throws Exception;
  }

  /** Handles a payload on the JS thread instead of the default call. Thread: the JS thread. */
  @FunctionalInterface
  public interface CallJs<T> {
    /**
     * Handles {@code value}; {@code function} is null when the function was made without a JS
     * function. The result is what {@link #call} completes with.
     */
    Object call(Env env, JsFunction function, T value) throws Exception;
  }

  /** The settings of a new function. Thread: the JS thread of the env (build() must run there). */
  public static final class Builder<T> {
    private final NodeEnv env;
    private final JsFunction function;
    private CallJs<T> handler;
    private Arguments<T> arguments = (env, value) -> new Object[] {value};
    private boolean errorFirst;
    private int maxQueueSize;
    private boolean weak;
    private String name = "napi-java threadsafe function";
    private Consumer<Env> onFinalize = env -> {};

    private Builder(NodeEnv env, JsFunction function, CallJs<T> handler) {
      this.env = env;
      this.function = function;
      this.handler = handler;
    }

    /**
     * The queue's capacity; 0 (the default) means "no set limit", which is
     * {@link ThreadsafeFunction#UNBOUNDED_LIMIT} waiting calls, so that a producer that outruns
     * the JS thread meets a full queue ({@code offer} false, {@code put} waits) long before it
     * exhausts the Java heap.
     */
    public Builder<T> maxQueueSize(int size) {
      if (size < 0) throw new IllegalArgumentException("maxQueueSize must be >= 0, got " + size);
      this.maxQueueSize = size;
      return this;
    }

    /** A weak function does not keep Node alive (like {@link #unref()} at once). */
    public Builder<T> weak(boolean weak) {
      this.weak = weak;
      return this;
    }

    /** How a payload becomes arguments. Default: the payload is the one argument. */
    public Builder<T> arguments(Arguments<T> arguments) {
      this.arguments = Objects.requireNonNull(arguments);
      return this;
    }

    /**
     * Calls as {@code fn(null, ...args)}, and as {@code fn(error)} for {@link #putError} and
     * {@link #offerError} (the Node callback convention).
     */
    public Builder<T> errorFirst(boolean errorFirst) {
      this.errorFirst = errorFirst;
      return this;
    }

    /** Replaces the default call with a Java handler. */
    public Builder<T> callJs(CallJs<T> handler) {
      this.handler = Objects.requireNonNull(handler);
      return this;
    }

    /** Runs on the JS thread when the function is finalized (env null if Node is exiting). */
    public Builder<T> onFinalize(Consumer<Env> onFinalize) {
      this.onFinalize = Objects.requireNonNull(onFinalize);
      return this;
    }

    /**
     * The async resource name that Node's async hooks see. The calls run in the async context of
     * the JS call that built the function ({@code AsyncLocalStorage.getStore()} returns what
     * it returned there).
     */
    public Builder<T> name(String name) {
      this.name = Objects.requireNonNull(name);
      return this;
    }

    /** Creates the function, held by the calling thread once. Thread: the JS thread of the env. */
    public ThreadsafeFunction<T> build() {
      return new ThreadsafeFunction<>(this);
    }
  }

  /**
   * How many calls may wait in a queue built with {@code maxQueueSize(0)}: 2^20, or fewer with a
   * small Java heap (one per KB of {@code -Xmx}), so that the queue fills before the heap does.
   */
  public static final int UNBOUNDED_LIMIT = (int) Math.min(1 << 20, Runtime.getRuntime().maxMemory() / 1024);

  /** One queued call. */
  private record Item<T>(T value, Throwable error, CompletableFuture<Object> result) {}

  private final NodeEnv env;
  private final boolean hasFunction;
  private final CallJs<T> handler;
  private final Arguments<T> arguments;
  private final boolean errorFirst;
  private final Consumer<Env> onFinalize;
  private final JsQueue<Item<T>> queue;
  private final AtomicInteger holders = new AtomicInteger(1);
  /** Aborted, or finalized by the env's teardown, while holders still held it. */
  private volatile boolean closedWhileHeld;

  private ThreadsafeFunction(Builder<T> builder) {
    env = builder.env;
    hasFunction = builder.function != null;
    handler = builder.handler;
    arguments = builder.arguments;
    errorFirst = builder.errorFirst;
    onFinalize = builder.onFinalize;
    MemorySegment jsFunction = hasFunction ? builder.function.handle() : MemorySegment.NULL;
    queue = new JsQueue<>(env, jsFunction, builder.name,
        builder.maxQueueSize == 0 ? UNBOUNDED_LIMIT : builder.maxQueueSize, new JsQueue.Receiver<>() {
      @Override
      public boolean deliver(NodeEnv jsEnv, MemorySegment jsCallback, Item<T> item) {
        return ThreadsafeFunction.this.deliver(jsEnv, jsCallback, item);
      }

      @Override
      public void dropped(Item<T> item) {
        if (item.result() != null) item.result().completeExceptionally(closing());
      }

      @Override
      public void finalized(NodeEnv jsEnv) {
        if (holders.getAndSet(0) > 0) closedWhileHeld = true;
        onFinalize.accept(jsEnv);
      }
    }, true);
    if (builder.weak) queue.ref(false);
  }

  /** A builder for a function that calls {@code function}. Thread: the JS thread of its env. */
  public static <T> Builder<T> builder(JsFunction function) {
    function.env().checkThread();
    return new Builder<>((NodeEnv) function.env(), function, null);
  }

  /** A builder for a function with no JS function: {@code handler} gets each payload. Thread: the JS thread. */
  public static <T> Builder<T> builder(Env env, CallJs<T> handler) {
    env.checkThread();
    return new Builder<>((NodeEnv) env, null, Objects.requireNonNull(handler));
  }

  /**
   * Queues a call with {@code value}, waiting while the queue is full. Throws
   * {@link NapiException} with {@link Status#CLOSING} when the function is closed, and with
   * {@link Status#WOULD_DEADLOCK} when called on the JS thread with a full queue (which only
   * the JS thread can empty), or when the JS thread stays blocked in Java (say, joining this
   * producer) while this call waits for room. Thread: any thread.
   */
  public void put(T value) throws InterruptedException {
    enqueue(new Item<>(value, null, null), true);
  }

  /** Queues a call with {@code value} unless the queue is full (then false). Thread: any thread. */
  public boolean offer(T value) {
    return enqueueNow(new Item<>(value, null, null));
  }

  /** Like {@link #put}, but calls {@code fn(error)} (error-first functions). Thread: any thread. */
  public void putError(Throwable error) throws InterruptedException {
    enqueue(new Item<>(null, Objects.requireNonNull(error), null), true);
  }

  /** Like {@link #offer}, but calls {@code fn(error)} (error-first functions). Thread: any thread. */
  public boolean offerError(Throwable error) {
    return enqueueNow(new Item<>(null, Objects.requireNonNull(error), null));
  }

  /**
   * Queues a call with {@code value} (waiting while the queue is full) and returns its result,
   * copied to Java as {@link JsValue#toJava()} does. If the function returns a Promise, the
   * future completes with its settled value; a JS exception or rejection fails it with a
   * {@link JsException} that keeps the thrown value. Thread: any thread; waiting for the future
   * on the JS thread ({@code join}, {@code get}) throws {@link IllegalStateException}, since
   * only that thread can complete it.
   */
  public CompletableFuture<Object> call(T value) throws InterruptedException {
    CompletableFuture<Object> result = new JsThreadFuture<>(env);
    enqueue(new Item<>(value, null, result), true);
    return result;
  }

  private boolean enqueueNow(Item<T> item) {
    try {
      return enqueue(item, false);
    } catch (InterruptedException e) {
      throw new AssertionError("a non-blocking call waited", e);
    }
  }

  private boolean enqueue(Item<T> item, boolean blocking) throws InterruptedException {
    if (holders.get() <= 0) throw closing();
    Status status = queue.add(item, blocking && !env.isJsThread());
    return switch (status) {
      case OK -> true;
      case QUEUE_FULL -> {
        if (blocking) {
          throw new NapiException(Status.WOULD_DEADLOCK,
              "put()/call() on the JS thread with a full queue would wait forever: use offer()");
        }
        yield false;
      }
      case CLOSING, INVALID_ARG -> throw closing();
      case WOULD_DEADLOCK -> throw new NapiException(Status.WOULD_DEADLOCK,
          "put()/call() waited for room in a full queue while the JS thread, which empties it, stayed blocked in Java"
          + " (joining this thread?): the call would wait forever");
      default -> throw new NapiException(status, "napi_call_threadsafe_function failed");
    };
  }

  private static NapiException closing() {
    return new NapiException(Status.CLOSING, "the threadsafe function is released, aborted, or its env is torn down");
  }

  /** Delivers one item; false (item unsettled) when JS can no longer run. */
  private boolean deliver(NodeEnv jsEnv, MemorySegment jsCallback, Item<T> item) {
    try {
      JsFunction function = hasFunction ? (JsFunction) JsValue.wrap(jsEnv, jsCallback) : null;
      Object returned = handler != null ? handler.call(jsEnv, function, item.value()) : function.call(jsArguments(jsEnv, item));
      if (item.result() != null) Promises.settle(jsEnv, returned, item.result());
    } catch (Throwable failure) {
      if (jsEnv.cannotRunJs()) return false; // torn down: dropped with CLOSING, not reported
      if (item.result() != null) {
        item.result().completeExceptionally(failure);
      } else {
        Errors.raiseUncaught(jsEnv, failure);
      }
    }
    return true;
  }

  private Object[] jsArguments(NodeEnv jsEnv, Item<T> item) throws Exception {
    if (item.error() != null) return new Object[] {item.error()};
    Object[] values = arguments.of(jsEnv, item.value());
    if (!errorFirst) return values;
    Object[] withError = new Object[values.length + 1];
    withError[0] = jsEnv.nullValue();
    System.arraycopy(values, 0, withError, 1, values.length);
    return withError;
  }

  /** One more holder (e.g. another producer thread); each holder calls {@link #release} once. Thread: any. */
  public ThreadsafeFunction<T> acquire() {
    holders.updateAndGet(n -> {
      if (n <= 0) throw closing();
      return n + 1;
    });
    if (queue.acquire() != Status.OK) throw closing();
    return this;
  }

  /**
   * A holder lets go; when the last one does, queued calls still run and then the function
   * closes. After {@link #abort} or the teardown of the env (a terminated worker), a release
   * does nothing: holders may release as usual whatever closed the function. Releasing more
   * often than it was held throws {@link IllegalStateException}. Thread: any thread.
   */
  public void release() {
    if (holders.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      queue.release(false);
    } else if (!closedWhileHeld) {
      throw new IllegalStateException("the threadsafe function was already released by every holder");
    }
  }

  /** Closes at once: queued calls are dropped and later calls throw. Thread: any thread. */
  public void abort() {
    if (holders.getAndSet(0) > 0) {
      closedWhileHeld = true;
      queue.release(true);
    }
  }

  /** Same as {@link #release()} when still held; does nothing otherwise. Thread: any thread. */
  @Override
  public void close() {
    if (holders.getAndUpdate(n -> Math.max(0, n - 1)) > 0) queue.release(false);
  }

  /** Whether calls are refused. Thread: any thread. */
  public boolean isClosed() {
    return holders.get() <= 0 || queue.isGone();
  }

  /** Makes the function keep Node alive (the default unless built weak). Thread: the JS thread. */
  public void ref() {
    queue.ref(true);
  }

  /** Lets Node exit while the function is open. Thread: the JS thread. */
  public void unref() {
    queue.ref(false);
  }
}
