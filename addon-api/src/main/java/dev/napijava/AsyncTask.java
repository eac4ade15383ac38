package dev.napijava;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.napijava.internal.AsyncContext;
import dev.napijava.internal.Errors;
import dev.napijava.internal.NodeEnv;
import dev.napijava.internal.OwnedRef;
import dev.napijava.internal.Upcalls;
import dev.napijava.value.JsFunction;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsString;
import dev.napijava.value.JsValue;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * cancelled before it started rejects with a {@link CancellationException}. A task given an
 * {@link AbortSignal} ({@link Builder#signal}) rejects with the signal's reason when it aborts,
 * and its work, if running, sees its thread's interrupt. The callback and the progress callback
 * run in the async context of the JS call that started the task ({@code AsyncLocalStorage}
 * keeps its store there), as callbacks of an async resource named {@link Builder#name}. Progress reported
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
    private AbortSignal signal = AbortSignal.none();

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

    /**
     * Cancels the task when {@code signal} aborts: its Promise rejects (or its callback is
     * called) at once with the signal's {@code reason}; work that has not started never
     * starts, and the thread of work that is running is interrupted (its outcome is then
     * dropped). Aborting after the outcome was delivered does nothing; a signal already
     * aborted when the task starts rejects it at once, and the work never runs.
     */
    public Builder<T> signal(AbortSignal signal) {
      this.signal = Objects.requireNonNull(signal);
      return this;
    }

    /**
     * The async resource name that Node's async hooks see (the task's callbacks run in the
     * async context of the call that started it, a resource of this type). On libuv's pool one
     * {@code napi_async_work} may run several tasks in a row: it has the name of a task among them.
     */
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
  /** Tasks started and not delivered, in the process (a task of a torn-down env is not counted). */
  private static final AtomicInteger PENDING = new AtomicInteger();
  /** The {@code napi_async_work}s queued or running, by the id that Node passes to their callbacks. */
  private static final Map<Long, PoolWork> WORKS = new ConcurrentHashMap<>();
  /**
   * How many pool works an env keeps queued at most: libuv's pool size (UV_THREADPOOL_SIZE as
   * libuv reads it, default 4, 1 to 1024), so that as many tasks run at once as with one work each.
   */
  private static final int POOL_WORKS = poolSize(System.getenv("UV_THREADPOOL_SIZE"));
  /**
   * How long one pool work keeps taking queued tasks before it gives its pool thread back (other
   * Node work waiting there gets a turn, and an exit waits at most this beyond the running tasks).
   */
  private static final long POOL_TURN_NANOS = 1_000_000;
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

  /**
   * The tasks of one env that have not delivered, forgotten when the env is torn down, and the
   * env's tasks waiting for libuv's pool. A task on the pool does not get a {@code napi_async_work}
   * of its own: up to {@link #POOL_WORKS} works per env each run queued tasks one after the
   * other, so starting a task costs a queue node, not a Node-API call and a libuv request.
   */
  private static final class Registry implements AutoCloseable {
    private final NodeEnv env;
    private final Channel channel;
    /**
     * Tasks of this env counted in {@link #PENDING}; the env's teardown takes them out at once,
     * and sets this far below zero so that their later {@link #forget}s do not count again.
     */
    private final AtomicInteger counted = new AtomicInteger();
    private final ConcurrentLinkedQueue<AsyncTask<?>> poolQueue = new ConcurrentLinkedQueue<>();
    /** Pool works queued or running; JS thread only. */
    private int works;
    /** The resource name of the last task queued for the pool, for the works queued later; JS thread only. */
    private String lastName;
    /** Tasks started and not yet delivered, which keep Node alive; JS thread only. */
    private int pending;
    private volatile boolean closed;

    Registry(NodeEnv env) {
      this.env = env;
      this.channel = Channel.of(env);
    }

    /** A task starts: Node stays alive until it is delivered. Thread: the JS thread. */
    void started() {
      if (pending++ == 0) channel.hold();
    }

    /** A task was delivered. Thread: the JS thread. */
    void delivered() {
      if (--pending == 0) channel.unhold();
    }

    /** Queues a task for libuv's pool, and a pool work to run it if fewer than the pool size are queued. Thread: the JS thread. */
    void runOnPool(AsyncTask<?> task, String name) {
      lastName = name;
      if (works < POOL_WORKS) queueWork(name); // first: if it fails, the task was never queued
      poolQueue.add(task);
    }

    private void queueWork(String name) {
      MemorySegment out = env.out();
      MemorySegment resourceName = JsString.of(env, name).handle();
      long workId = IDS.incrementAndGet();
      env.check(napi_create_async_work(env.napi(), MemorySegment.NULL, resourceName, EXECUTE, COMPLETE,
          MemorySegment.ofAddress(workId), out));
      MemorySegment work = out.get(ADDRESS, 0);
      WORKS.put(workId, new PoolWork(this, work));
      int status = napi_queue_async_work(env.napi(), work);
      if (status != napi_ok()) {
        WORKS.remove(workId);
        napi_delete_async_work(env.napi(), work);
        env.check(status);
      }
      works++;
    }

    /** Runs queued tasks for up to {@link #POOL_TURN_NANOS}. Thread: a libuv pool thread. */
    void runQueued() {
      long start = System.nanoTime();
      for (AsyncTask<?> task; !closed && (task = poolQueue.poll()) != null; ) {
        task.run();
        task.deliverLater();
        if (System.nanoTime() - start >= POOL_TURN_NANOS) return;
      }
    }

    /** A pool work completed; another is queued if tasks still wait and JS still runs. Thread: the JS thread. */
    void workDone() {
      works--;
      if (!closed && !poolQueue.isEmpty() && !env.cannotRunJs()) queueWork(lastName);
    }

    @Override
    public void close() {
      closed = true;
      WORKS.values().removeIf(work -> work.registry == this); // works Node will not complete now
      PENDING.addAndGet(-counted.getAndSet(Integer.MIN_VALUE / 2));
      for (AsyncTask<?> task; (task = poolQueue.poll()) != null; ) task.forget();
    }
  }

  /** One {@code napi_async_work} that runs an env's queued tasks on libuv's pool. */
  private record PoolWork(Registry registry, MemorySegment handle) {}

  /** Delivers a task's outcome through the env's channel, after the progress reports sent before it. */
  private record Outcome(AsyncTask<?> task) implements Channel.Item {
    @Override
    public boolean run(NodeEnv jsEnv) {
      if (task.settledEarly) {
        task.forget();
      } else {
        task.registry.delivered();
        task.settle();
      }
      return true;
    }

    @Override
    public void drop() {
      task.forget();
    }
  }

  private final NodeEnv env;
  private final Work<T> work;
  private final Channel channel;
  private final Deferred deferred;
  private final OwnedRef<JsFunction> callback;
  private final OwnedRef<JsFunction> onProgress;
  private final AtomicInteger state = new AtomicInteger(QUEUED);
  private final AtomicBoolean forgotten = new AtomicBoolean();
  private final Registry registry;
  /** The async context of the call that started the task, for its callbacks; JS thread only. */
  private final AsyncContext context;
  private final AbortSignal.Registration abortRegistration;
  /** The thread running the work, to interrupt at an abort; guarded by {@code this}. */
  private Thread runner;
  /** The outcome was delivered early (an abort); the later Outcome only counts. JS thread only. */
  private boolean settledEarly;
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
    if (PENDING.get() >= MAX_PENDING) {
      throw new NapiException(Status.QUEUE_FULL, "too many AsyncTasks pending (" + MAX_PENDING
          + ", one per 16 KB of the Java heap): await some before starting more");
    }
    this.env = env;
    this.work = builder.work;
    this.channel = Channel.of(env);
    this.callback = builder.callback == null ? null : new OwnedRef<>(builder.callback);
    this.onProgress = builder.onProgress == null ? null : new OwnedRef<>(builder.onProgress);
    this.deferred = callback == null ? Deferred.create(env) : null;
    this.registry = env.local(REGISTRY, Registry::new);
    // Only callbacks need the context: a promise's reactions run in the contexts of their own then() calls.
    this.context = callback != null || onProgress != null ? AsyncContext.capture(env, builder.name) : null;
    if (builder.signal.isAborted()) { // rejects at once; the work never runs, nothing is counted
      state.set(CANCELLED);
      forgotten.set(true);
      abortRegistration = null;
      settledEarly = true;
      settle(true, new JsException(builder.signal.reason()));
      return;
    }
    PENDING.incrementAndGet();
    registry.counted.incrementAndGet();
    registry.started();
    abortRegistration = builder.signal.listen((jsEnv, reason) -> abort(reason), () -> {});
    try {
      if (builder.onLibuvPool) {
        registry.runOnPool(this, builder.name);
      } else {
        Executor executor = builder.executor != null ? builder.executor : VIRTUAL_THREADS;
        executor.execute(() -> {
          run();
          deliverLater();
        });
      }
    } catch (RuntimeException refused) { // e.g. RejectedExecutionException of a shut-down executor
      registry.delivered();
      forget();
      abortRegistration.close();
      if (context != null) context.close();
      if (callback != null) callback.delete();
      if (onProgress != null) onProgress.delete();
      // The promise was never handed out: settle it quietly (a rejection nobody handles would
      // end the process) so that it stops keeping Node alive.
      if (deferred != null) deferred.resolve(null);
      throw refused;
    }
  }

  static {
    // The classes the pool's upcalls use, loaded with this one (which Errors.preload loads at
    // start-up) rather than on a pool thread inside an upcall.
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      for (Class<?> used : new Class<?>[] {Registry.class, PoolWork.class, Outcome.class}) lookup.ensureInitialized(used);
    } catch (IllegalAccessException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** libuv's pool size as libuv reads it from {@code UV_THREADPOOL_SIZE}. */
  static int poolSize(String setting) {
    try {
      int size = setting == null ? 4 : Integer.parseInt(setting.trim());
      return Math.clamp(size, 1, 1024);
    } catch (NumberFormatException e) {
      return 4;
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
    // Still waiting for libuv's pool: delivered now. Else its thread delivers it when it gets
    // there (a pool work that took it meanwhile, or the executor).
    if (registry.poolQueue.remove(this)) deliverLater();
    return true;
  }

  /** Whether the outcome was delivered. Thread: any thread. */
  public boolean isDone() {
    return forgotten.get();
  }

  /** Runs the work on the current (pool) thread, unless cancelled. */
  private void run() {
    synchronized (this) {
      if (!state.compareAndSet(QUEUED, RUNNING)) return;
      runner = Thread.currentThread();
    }
    try {
      result = work.compute(this::report);
    } catch (Throwable t) {
      failure = t;
    } finally {
      synchronized (this) {
        state.set(DONE);
        runner = null;
        // An abort's interrupt must not outlive the work: a pool or executor thread runs other
        // tasks next. (An interrupt from elsewhere that came during the work is cleared too.)
        Thread.interrupted();
      }
    }
  }

  /**
   * The task's signal aborted: settles now with {@code reason} unless already delivered, and
   * stops the work (not started: never starts; running: its thread is interrupted). Thread:
   * the JS thread, inside the signal's abort event.
   */
  private void abort(JsValue reason) {
    if (settledEarly || isDone()) return;
    synchronized (this) {
      if (!state.compareAndSet(QUEUED, CANCELLED) && runner != null) runner.interrupt();
    }
    if (registry.poolQueue.remove(this)) deliverLater(); // else its thread delivers it when it gets there
    settledEarly = true;
    registry.delivered(); // the Promise is settled: Node need not wait for the work any more
    settle(false, new JsException(reason)); // not through 'failure': the interrupted work may still write it
  }

  private void report(Object value) {
    int now = state.get();
    if (now == DONE || now == CANCELLED) {
      throw new IllegalStateException("progress reported after the task's work returned; report while compute() runs");
    }
    if (onProgress == null) return;
    // A report racing with the end of the work may arrive after the outcome: then it is dropped.
    channel.send(jsEnv -> {
      if (!onProgress.isDeleted()) context.run(() -> onProgress.get().call(value)); // a context with every onProgress
      return null;
    });
  }

  /** Queues the outcome's delivery on the JS thread. Thread: the thread that ran the work. */
  private void deliverLater() {
    Outcome outcome = new Outcome(this);
    if (channel.enqueue(outcome) != Status.OK) outcome.drop();
  }

  private void forget() {
    if (!forgotten.compareAndSet(false, true)) return;
    if (registry.counted.decrementAndGet() >= 0) PENDING.decrementAndGet();
  }

  /**
   * Delivers the outcome on the JS thread, after every progress report that came before it. A
   * callback's exception becomes an uncaught exception in Node.
   */
  private void settle() {
    settle(true, state.get() == CANCELLED ? new CancellationException("the task was cancelled before it started") : failure);
  }

  /**
   * Delivers {@code outcome} (null: the result) in the async context of the call that started
   * the task; with {@code finished} the work has ended (an abort settles before it has).
   */
  private void settle(boolean finished, Throwable outcome) {
    if (finished) forget();
    if (abortRegistration != null) abortRegistration.close();
    try {
      if (deferred != null) {
        // A promise's reactions run in the contexts of their own then() calls.
        if (outcome != null) deferred.reject(outcome); else deferred.resolve(result);
      } else {
        JsFunction function = callback.get();
        context.run(() -> {
          if (outcome != null) function.call(outcome); else function.call(null, result);
        });
      }
    } catch (Throwable t) {
      if (!env.cannotRunJs()) Errors.raiseUncaught(env, t); // else torn down: nobody to tell
    } finally {
      if (context != null) context.close();
      if (callback != null) callback.delete();
      if (onProgress != null) onProgress.delete();
    }
  }

  /** napi_async_execute_callback: runs on a libuv pool thread. */
  private static void execute(long napiEnv, long data) {
    if (data == 0) return; // see Upcalls.stub
    try {
      PoolWork work = WORKS.get(data);
      if (work != null) work.registry.runQueued();
    } catch (Throwable t) {
      Errors.report(Errors.IN_ASYNC_WORK, t);
    }
  }

  /** napi_async_complete_callback: runs on the JS thread. */
  private static void complete(long napiEnv, int status, long data) {
    if (data == 0) return; // see Upcalls.stub
    PoolWork work = null;
    try {
      work = WORKS.remove(data);
      if (work == null) return;
      napi_delete_async_work(MemorySegment.ofAddress(napiEnv), work.handle);
      work.registry.workDone();
    } catch (Throwable t) {
      if (work != null) Errors.raiseUncaught(work.registry.env, t);
    }
  }
}
