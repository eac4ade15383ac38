package dev.napijava.internal;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;

import dev.napijava.NapiException;
import dev.napijava.Status;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One {@code napi_threadsafe_function}, safe to call at any time from any thread: once Node
 * finalizes it (release, abort, env teardown) calls get {@link Status#CLOSING} instead of
 * touching freed memory. A read lock is held around each Node-API call on it; the finalizer
 * takes the write lock before it marks it gone.
 *
 * <p>Each queued item is a Java payload; the {@code data} pointer Node carries is its key in
 * {@link #payloads}, so a failed call can take its payload back. Items still queued when the
 * function closes reach {@link Receiver#receive} with a null env.
 */
public final class Tsfn {
  /** What a threadsafe function does with its items and its end. */
  public interface Receiver {
    /**
     * Delivers one payload on the JS thread (env non-null, jsCallback possibly NULL), or
     * releases it when the function closed before it ran (env null).
     */
    void receive(NodeEnv env, MemorySegment jsCallback, Object payload);

    /** The function is finalized: on its JS thread, or (env null) when Node exits. */
    default void finalized(NodeEnv env) {}
  }

  private static final MemorySegment CALL_JS = Upcalls.stub(MethodHandles.lookup(), "callJs",
      FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS, ADDRESS));
  private static final MemorySegment FINALIZE = Upcalls.stub(MethodHandles.lookup(), "finalize",
      FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS));
  private static final Map<Long, Tsfn> LIVE = new ConcurrentHashMap<>();
  private static final AtomicLong IDS = new AtomicLong();

  private final long id = IDS.incrementAndGet();
  private final NodeEnv env;
  private final Receiver receiver;
  private final Map<Long, Object> payloads = new ConcurrentHashMap<>();
  private final AtomicLong keys = new AtomicLong();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Object space = new Object();
  private final AtomicLong dispatched = new AtomicLong();
  private final AtomicInteger waiters = new AtomicInteger();
  private final MemorySegment handle;
  private volatile boolean gone;

  /**
   * Creates the function on the JS thread of {@code env}. {@code jsFunction} may be NULL.
   * {@code maxQueueSize} 0 is unbounded. It starts with one thread holding it.
   */
  public Tsfn(NodeEnv env, MemorySegment jsFunction, String name, int maxQueueSize, Receiver receiver) {
    this.env = env;
    this.receiver = receiver;
    MemorySegment napiEnv = env.napi();
    MemorySegment out = env.out();
    MemorySegment resourceName = dev.napijava.value.JsString.of(env, name).handle();
    LIVE.put(id, this);
    int status = napi_create_threadsafe_function(napiEnv, jsFunction, MemorySegment.NULL, resourceName,
        maxQueueSize, 1, MemorySegment.ofAddress(id), FINALIZE, MemorySegment.ofAddress(id), CALL_JS, out);
    handle = out.get(ADDRESS, 0);
    if (status != 0) {
      LIVE.remove(id);
      env.check(status);
    }
  }

  /** The env whose JS thread runs the items. Thread: any. */
  public NodeEnv env() {
    return env;
  }

  /** Whether Node has finalized the function. Thread: any. */
  public boolean isGone() {
    return gone;
  }

  /**
   * Queues {@code payload}. Returns OK, QUEUE_FULL (non-blocking and full: the payload is not
   * queued) or CLOSING (the payload is not queued). A blocking call waits in Java, never inside
   * Node (Node wakes only one blocked caller when it closes, and the finalizer would wait for
   * the others). Thread: any; a blocking call from the JS thread on a full queue would wait
   * forever, so the caller must not make one.
   */
  public Status call(Object payload, boolean blocking) throws InterruptedException {
    long key = keys.incrementAndGet();
    MemorySegment data = MemorySegment.ofAddress(key);
    payloads.put(key, payload);
    while (true) {
      long seen = dispatched.get();
      Status status = withHandle(tsfn -> napi_call_threadsafe_function(tsfn, data, napi_tsfn_nonblocking()));
      if (status == Status.QUEUE_FULL && blocking) {
        try {
          awaitDispatch(seen);
          continue;
        } catch (InterruptedException e) {
          payloads.remove(key);
          throw e;
        }
      }
      if (status != Status.OK) payloads.remove(key);
      return status;
    }
  }

  private void awaitDispatch(long seen) throws InterruptedException {
    synchronized (space) {
      waiters.incrementAndGet();
      try {
        while (dispatched.get() == seen && !gone) space.wait();
      } finally {
        waiters.decrementAndGet();
      }
    }
  }

  private void signalDispatch() {
    dispatched.incrementAndGet();
    if (waiters.get() > 0) {
      synchronized (space) {
        space.notifyAll();
      }
    }
  }

  /** One more thread holds the function. Thread: any. */
  public Status acquire() {
    return withHandle(tsfn -> napi_acquire_threadsafe_function(tsfn));
  }

  /** A holder lets go; with {@code abort} the queue is dropped and calls fail at once. Thread: any. */
  public Status release(boolean abort) {
    return withHandle(tsfn -> napi_release_threadsafe_function(tsfn, abort ? napi_tsfn_abort() : napi_tsfn_release()));
  }

  /** Lets the function keep Node alive ({@code true}) or not. Thread: the JS thread. */
  public void ref(boolean keepAlive) {
    MemorySegment napiEnv = env.napi();
    Status status = withHandle(tsfn -> keepAlive
        ? napi_ref_threadsafe_function(napiEnv, tsfn)
        : napi_unref_threadsafe_function(napiEnv, tsfn));
    if (status != Status.OK && status != Status.CLOSING) throw new NapiException(status, "ref/unref failed");
  }

  private interface Op {
    int apply(MemorySegment tsfn);
  }

  private Status withHandle(Op op) {
    var read = lock.readLock();
    read.lock();
    try {
      return gone ? Status.CLOSING : Status.of(op.apply(handle));
    } finally {
      read.unlock();
    }
  }

  /** napi_threadsafe_function_call_js of every Tsfn. */
  private static void callJs(MemorySegment napiEnv, MemorySegment jsCallback, MemorySegment context, MemorySegment data) {
    Tsfn tsfn = LIVE.get(context.address());
    if (tsfn == null) return;
    Object payload = tsfn.payloads.remove(data.address());
    tsfn.signalDispatch();
    NodeEnv env = napiEnv.equals(MemorySegment.NULL) ? null : Envs.current();
    try {
      if (env == null || env.isClosed()) {
        tsfn.receiver.receive(null, MemorySegment.NULL, payload);
        return;
      }
      tsfn.receiver.receive(env, jsCallback, payload); // Node opened a handle scope for this call
    } catch (Throwable t) {
      Errors.report("a threadsafe function's call on the JS thread", t);
    }
  }

  /** napi_finalize of every Tsfn: it is gone; payloads still held are released. */
  private static void finalize(MemorySegment napiEnv, MemorySegment data, MemorySegment hint) {
    Tsfn tsfn = LIVE.remove(data.address());
    if (tsfn == null) return;
    try {
      var write = tsfn.lock.writeLock();
      write.lock();
      try {
        tsfn.gone = true;
      } finally {
        write.unlock();
      }
      synchronized (tsfn.space) {
        tsfn.space.notifyAll();
      }
      for (Long key : tsfn.payloads.keySet()) {
        Object payload = tsfn.payloads.remove(key);
        if (payload != null) tsfn.receiver.receive(null, MemorySegment.NULL, payload);
      }
      NodeEnv env = Envs.current();
      tsfn.receiver.finalized(env == null || env.isClosed() ? null : env);
    } catch (Throwable t) {
      Errors.report("a threadsafe function's finalizer", t);
    }
  }
}
