package dev.napijava;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.napijava.internal.Errors;
import dev.napijava.internal.JsQueue;
import dev.napijava.internal.NodeEnv;
import dev.napijava.internal.Upcalls;
import dev.napijava.value.JsFunction;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsString;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Java work that runs off the JS thread, with its outcome delivered on the JS thread: as a
 * Promise ({@link #promise()}) or to an error-first callback {@code (err, value)}, like neon's
 * {@code Task} and node-addon-api's {@code AsyncWorker}.
 *
 * <p>Where the work runs:
 * <table>
 *   <caption>Where a task's work runs</caption>
 *   <tr><th>builder</th><th>threads</th><th>trade-off</th></tr>
 *   <tr><td>default</td><td>Java virtual threads</td><td>any number of tasks run at once; Node's
 *       file system, DNS and zlib work keeps libuv's pool; {@code process.exit()} and worker
 *       {@code terminate()} never wait for the work (its outcome is dropped)</td></tr>
 *   <tr><td>{@link Builder#executor}</td><td>the given executor</td><td>the same, with the
 *       application's own threads or limits</td></tr>
 *   <tr><td>{@link Builder#onLibuvPool}</td><td>libuv's thread pool
 *       ({@code napi_create_async_work})</td><td>the C addon behaviour: at most
 *       {@code UV_THREADPOOL_SIZE} (default 4) tasks run at once, long tasks delay
 *       {@code fs} and {@code dns} calls, and {@code process.exit()} waits for running work
 *       (a task that never ends hangs the exit, as it does with a C addon)</td></tr>
 * </table>
 *
 * <p>A failing task rejects (or calls back) with its Java exception as a JS error. A task
 * cancelled before it started rejects with a {@link CancellationException}. Progress reported
 * by the work reaches the {@link Builder#onProgress} callback on the JS thread, in order and
 * before the outcome; a report made after the work returned throws
 * {@link IllegalStateException} (its outcome may already be delivered).
 *
 * <p>Thread: {@link #builder} on any thread; {@link Builder#start}, {@link #promise} and
 * {@link #cancel} on the JS thread of the env; {@link #isDone} on any thread. The work runs on
 * its virtual thread, the executor or a libuv pool thread; {@link Progress} may be used from
 * any thread.
 */
public final class AsyncTask<T> {
  /** The work of a task. Thread: runs on a pool or executor thread, never the JS thread. */
  @FunctionalInterface
  public interface Work<T> {
    /** Computes the result; its value is converted as {@link Env#toJs} does, on the JS thread. */
    T compute(Progress progress) throws Exception;
  }

  /** Progress of a running task. Thread: any thread. */
  public interface Progress {
    /**
     * Sends {@code value} to the progress callback (dropped if there is none). Throws
     * {@link IllegalStateException} once the work has returned or thrown: a report must be made
     * while {@link Work#compute} runs.
     */
    void report(Object value);
  }

  /** The settings of a task. Thread: the JS thread of the env for {@link #start}; any thread before. */
  public static final class Builder<T> {
    private final Work<T> work;
    private JsFunction callback;
    private JsFunction onProgress;
    private Executor executor;
    private boolean onLibuvPool;
    private String name = "napi-java async task";

    private Builder(Work<T> work) {
      this.work = Objects.requireNonNull(work);
    }

    /** Delivers the outcome to {@code callback(err, value)} instead of the promise. */
    public Builder<T> callback(JsFunction callback) {
      this.callback = Objects.requireNonNull(callback);
      return this;
    }

    /** Calls {@code onProgress(value)} on the JS thread for each {@link Progress#report}. */
    public Builder<T> onProgress(JsFunction onProgress) {
      this.onProgress = Objects.requireNonNull(onProgress);
      return this;
    }

    /** Runs the work on {@code executor} instead of a virtual thread of its own. */
    public Builder<T> executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor);
      this.onLibuvPool = false;
      return this;
    }

    /**
     * Runs the work on libuv's thread pool ({@code napi_create_async_work}) instead of a Java
     * thread: see the class javadoc for what that costs.
     */
    public Builder<T> onLibuvPool() {
      this.onLibuvPool = true;
      this.executor = null;
      return this;
    }

    /** The async resource name that Node's async hooks see. */
    public Builder<T> name(String name) {
      this.name = Objects.requireNonNull(name);
      return this;
    }

    /** Queues the work. Thread: the JS thread of {@code env}. */
    public AsyncTask<T> start(Env env) {
      return new AsyncTask<>(this, (NodeEnv) env);
    }
  }

  private static final int QUEUED = 0, RUNNING = 1, DONE = 2, CANCELLED = 3;
  private static final MemorySegment EXECUTE = Upcalls.stub(MethodHandles.lookup(), "execute",
      FunctionDescriptor.ofVoid(JAVA_LONG, JAVA_LONG));
  private static final MemorySegment COMPLETE = Upcalls.stub(MethodHandles.lookup(), "complete",
      FunctionDescriptor.ofVoid(JAVA_LONG, JAVA_INT, JAVA_LONG));
  private static final Map<Long, AsyncTask<?>> LIVE = new ConcurrentHashMap<>();
  /**
   * How many tasks may be pending in the process at once: one per 16 KB of the Java heap (32,768
   * with the default 512 MB), so that a loop starting tasks meets a clear error, not a heap that
   * is exhausted for good by tasks that hold it.
   */
  static final int MAX_PENDING = (int) Math.max(256, Runtime.getRuntime().maxMemory() / 16384);
  private static final AtomicLong IDS = new AtomicLong();
  private static final Object REGISTRY = new Object();
  /** The default: a virtual thread per task (daemon threads: they never hold up an exit). */
  private static final Executor VIRTUAL_THREADS = command -> Thread.ofVirtual().name("napi-java task").start(command);

  /** The tasks of one env that have not delivered; forgotten when the env is torn down. */
  private static final class Registry implements AutoCloseable {
    private final Set<Long> ids = ConcurrentHashMap.newKeySet();

    @Override
    public void close() {
      for (Long id : ids) LIVE.remove(id);
      ids.clear();
    }
  }

  private final long id = IDS.incrementAndGet();
  private final NodeEnv env;
  private final Work<T> work;
  private final Channel channel;
  private final Deferred deferred;
  private final JsRef<JsFunction> callback;
  private final JsRef<JsFunction> onProgress;
  private final AtomicInteger state = new AtomicInteger(QUEUED);
  private final MemorySegment asyncWork;
  private final Registry registry;
  private T result;
  private Throwable failure;

  private AsyncTask(Builder<T> builder, NodeEnv env) {
    if (builder.onLibuvPool) {
      try {
        Upcalls.warmUp(); // EXECUTE and COMPLETE are made at this class's first use, not at start-up
      } catch (Throwable t) {
        throw new IllegalStateException("cannot prepare the upcalls of async tasks", t);
      }
    }
    if (LIVE.size() >= MAX_PENDING) {
      throw new NapiException(Status.QUEUE_FULL, "too many AsyncTasks pending (" + MAX_PENDING
          + ", one per 16 KB of the Java heap): await some before starting more");
    }
    this.env = env;
    this.work = builder.work;
    this.channel = Channel.of(env);
    this.callback = builder.callback == null ? null : JsRef.strong(builder.callback);
    this.onProgress = builder.onProgress == null ? null : JsRef.strong(builder.onProgress);
    this.deferred = callback == null ? Deferred.create(env) : null;
    this.registry = env.local(REGISTRY, node -> new Registry());
    LIVE.put(id, this);
    registry.ids.add(id);
    if (!builder.onLibuvPool) {
      Executor executor = builder.executor != null ? builder.executor : VIRTUAL_THREADS;
      asyncWork = null;
      channel.hold();
      try {
        executor.execute(() -> {
          run();
          channel.send(jsEnv -> {
            channel.unhold();
            settle();
            return null;
          }).whenComplete((done, closing) -> forget());
        });
      } catch (RuntimeException refused) { // e.g. RejectedExecutionException of a shut-down executor
        channel.unhold();
        forget();
        if (callback != null) callback.close();
        if (onProgress != null) onProgress.close();
        // The promise was never handed out: settle it quietly (a rejection nobody handles would
        // end the process) so that it stops keeping Node alive.
        if (deferred != null) deferred.resolve(null);
        throw refused;
      }
    } else {
      MemorySegment out = env.out();
      MemorySegment resourceName = JsString.of(env, builder.name).handle();
      env.check(napi_create_async_work(env.napi(), MemorySegment.NULL, resourceName, EXECUTE, COMPLETE,
          MemorySegment.ofAddress(id), out));
      asyncWork = out.get(ADDRESS, 0);
      env.check(napi_queue_async_work(env.napi(), asyncWork));
    }
  }

  /** Starts describing a task that runs {@code work}. Thread: any thread. */
  public static <T> Builder<T> builder(Work<T> work) {
    return new Builder<>(work);
  }

  /**
   * The promise of the outcome, valid in the handle scope the task was started in. Throws
   * {@link IllegalStateException} for a task with a callback. Thread: the JS thread.
   */
  public JsObject promise() {
    if (deferred == null) throw new IllegalStateException("this task delivers to a callback, not a promise");
    return deferred.promise();
  }

  /**
   * Cancels the task if its work has not started: returns true, and the task rejects (or calls
   * back) with a {@link CancellationException}. Thread: the JS thread.
   */
  public boolean cancel() {
    env.checkThread();
    if (!state.compareAndSet(QUEUED, CANCELLED)) return false;
    if (asyncWork != null) {
      int status = napi_cancel_async_work(env.napi(), asyncWork);
      if (status != napi_ok()) {
        state.set(QUEUED); // it started meanwhile: let it finish
        return false;
      }
    }
    return true; // the outcome is delivered by complete() or by the executor's message
  }

  /** Whether the outcome was delivered. Thread: any thread. */
  public boolean isDone() {
    return !LIVE.containsKey(id);
  }

  /** Runs the work on the current (pool) thread, unless cancelled. */
  private void run() {
    if (!state.compareAndSet(QUEUED, RUNNING)) return;
    try {
      result = work.compute(this::report);
    } catch (Throwable t) {
      failure = t;
    } finally {
      state.set(DONE);
    }
  }

  private void report(Object value) {
    int now = state.get();
    if (now == DONE || now == CANCELLED) {
      throw new IllegalStateException("progress reported after the task's work returned; report while compute() runs");
    }
    if (onProgress == null) return;
    channel.send(jsEnv -> onProgress.get().call(value));
  }

  private void forget() {
    LIVE.remove(id);
    registry.ids.remove(id);
  }

  /**
   * Delivers the outcome on the JS thread, after every progress report that came before it. A
   * callback's exception becomes an uncaught exception in Node.
   */
  private void settle() {
    forget();
    Throwable outcome = state.get() == CANCELLED ? new CancellationException("the task was cancelled before it started") : failure;
    try {
      if (deferred != null) {
        if (outcome != null) deferred.reject(outcome); else deferred.resolve(result);
      } else {
        JsFunction function = callback.get();
        if (outcome != null) function.call(outcome); else function.call(null, result);
      }
    } catch (Throwable t) {
      if (!JsQueue.cannotRunJs(env)) Errors.raiseUncaught(env, t); // else torn down: nobody to tell
    } finally {
      if (callback != null) callback.close();
      if (onProgress != null) onProgress.close();
    }
  }

  /** napi_async_execute_callback: runs on a libuv pool thread. */
  private static void execute(long napiEnv, long data) {
    if (data == 0) return; // see Upcalls.stub
    try {
      AsyncTask<?> task = LIVE.get(data);
      if (task != null) task.run();
    } catch (Throwable t) {
      Errors.report(Errors.IN_ASYNC_WORK, t);
    }
  }

  /** napi_async_complete_callback: runs on the JS thread. */
  private static void complete(long napiEnv, int status, long data) {
    if (data == 0) return; // see Upcalls.stub
    AsyncTask<?> task = null;
    try {
      task = LIVE.get(data);
      if (task == null) return;
      napi_delete_async_work(MemorySegment.ofAddress(napiEnv), task.asyncWork);
      if (status == napi_cancelled()) task.state.set(CANCELLED);
      if (task.env.isClosed()) {
        task.forget();
      } else if (task.onProgress != null) {
        AsyncTask<?> settling = task;
        task.channel.send(jsEnv -> { // after the progress reports already queued
          settling.settle();
          return null;
        });
      } else {
        task.settle();
      }
    } catch (Throwable t) {
      if (task != null) Errors.raiseUncaught(task.env, t);
    }
  }
}
