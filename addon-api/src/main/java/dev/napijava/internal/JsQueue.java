package dev.napijava.internal;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.napijava.NapiException;
import dev.napijava.Status;
import dev.napijava.value.JsString;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.StampedLock;

/**
 * A queue of Java items that the JS thread of an env takes in order, over one
 * {@code napi_threadsafe_function}. Items wait in Java; the threadsafe function only wakes the
 * JS thread, and one wake-up delivers every item that is waiting, so a busy producer costs one
 * Node-API call per batch rather than per item. The capacity (0: unbounded) is enforced here,
 * and a blocking add waits here, never inside Node.
 *
 * <p>Safe at any time from any thread: once Node finalizes the function (last release, abort,
 * env teardown), adds get {@link Status#CLOSING} instead of touching freed memory (a read lock
 * is held around each Node-API call on it; the finalizer takes the write lock), and items still
 * waiting are handed to {@link Receiver#dropped}.
 */
public final class JsQueue<T> {
  /** What happens to the items. */
  public interface Receiver<T> {
    /**
     * Delivers one item on the JS thread, inside the handle scope Node opened for the wake-up.
     * Returns false, leaving the item unsettled, when its delivery failed because JS can no
     * longer run ({@link NodeEnv#cannotRunJs}): the queue then drops it and every later item.
     */
    boolean deliver(NodeEnv env, MemorySegment jsCallback, T item);

    /** An item that will never be delivered (the queue closed). Any thread. */
    void dropped(T item);

    /** The threadsafe function is finalized: on its JS thread, or (env null) when Node exits. */
    default void finalized(NodeEnv env) {}
  }

  private static final MemorySegment CALL_JS = Upcalls.stub(MethodHandles.lookup(), "callJs",
      FunctionDescriptor.ofVoid(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG));
  private static final MemorySegment FINALIZE = Upcalls.stub(MethodHandles.lookup(), "finalize",
      FunctionDescriptor.ofVoid(JAVA_LONG, JAVA_LONG, JAVA_LONG));
  private static final Map<Long, JsQueue<?>> LIVE = new ConcurrentHashMap<>();
  private static final AtomicLong IDS = new AtomicLong();
  /** Items delivered per wake-up before the event loop gets a turn. */
  private static final int BATCH = 1024;
  /** How long a blocked JS thread is watched before a waiting add gives up (WOULD_DEADLOCK). */
  private static final long STALL_MILLIS = 250;
  private static final long STALL_POLL_MILLIS = 25;

  private final long id = IDS.incrementAndGet();
  private final NodeEnv env;
  private final Receiver<T> receiver;
  private final int capacity;
  private final ConcurrentLinkedQueue<T> items = new ConcurrentLinkedQueue<>();
  /** Items waiting, counted only when there is a capacity to enforce. */
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  /** Read-held around each Node-API call on the function, write-held by its finalizer (no thread-locals: cheap from many threads). */
  private final StampedLock lock = new StampedLock();
  private final Object space = new Object();
  private final AtomicLong taken = new AtomicLong();
  private final AtomicInteger waiters = new AtomicInteger();
  private final MemorySegment handle;
  private final OfEnv ofEnv;
  private volatile boolean gone;
  /** Whether the queue keeps Node alive ({@link #ref}); JS thread only. */
  private boolean keepsAlive = true;
  /** Whether an unref'd queue is ref'd while a backlog waits for its next ring; JS thread only. */
  private boolean backlogRef;
  /**
   * Items are dropped and adds refused: JS cannot run any more (the env is being torn down), or
   * the function was aborted. Checked before each delivery, since not every host drops the
   * wake-ups still queued at an abort (Deno runs them).
   */
  private volatile boolean halted;
  /** The async context each wake-up runs in, or null; closed when the queue is finalized. */
  private final AsyncContext context;

  /**
   * Creates the queue on the JS thread of {@code env}; {@code jsFunction} (may be NULL) is what
   * {@link Receiver#deliver} gets. One holder to start with (see {@link #release}).
   */
  public JsQueue(NodeEnv env, MemorySegment jsFunction, String name, int capacity, Receiver<T> receiver) {
    this(env, jsFunction, name, capacity, receiver, false);
  }

  /**
   * A queue whose deliveries run, with {@code inCallerContext}, in the async context of the
   * running JS call ({@link AsyncContext}, a resource of type {@code name}).
   */
  public JsQueue(NodeEnv env, MemorySegment jsFunction, String name, int capacity, Receiver<T> receiver,
      boolean inCallerContext) {
    try {
      Upcalls.warmUp(); // CALL_JS and FINALIZE are made at this class's first use, not at start-up
    } catch (Throwable t) {
      throw new IllegalStateException("cannot prepare the upcalls of threadsafe functions", t);
    }
    this.env = env;
    this.receiver = receiver;
    this.capacity = capacity;
    this.context = inCallerContext ? AsyncContext.capture(env, name) : null;
    MemorySegment napiEnv = env.napi();
    MemorySegment resourceName = JsString.of(env, name).handle();
    MemorySegment out = env.out();
    LIVE.put(id, this);
    int status = napi_create_threadsafe_function(napiEnv, jsFunction, MemorySegment.NULL, resourceName,
        0, 1, MemorySegment.ofAddress(id), FINALIZE, MemorySegment.ofAddress(id), CALL_JS, out);
    handle = out.get(ADDRESS, 0);
    if (status != 0) {
      LIVE.remove(id);
      if (context != null) context.close();
      env.check(status);
    }
    ofEnv = OfEnv.of(env);
    ofEnv.live.add(this);
  }

  /**
   * The queues of one env, finished at its teardown once the env refuses calls (so that the
   * dependents of the futures that dropping completes do not make JS values). Node finalizes a
   * threadsafe function at env teardown before napi-java's own cleanup runs, so there this finds
   * nothing left; a host that never finalizes them (Deno, for a terminated worker) would leave
   * producers adding to a queue that nothing takes, and holders releasing a function of a dead env.
   */
  private static final class OfEnv implements Runnable {
    final Set<JsQueue<?>> live = ConcurrentHashMap.newKeySet();

    static OfEnv of(NodeEnv env) {
      return env.local(OfEnv.class, e -> {
        OfEnv queues = new OfEnv();
        e.afterClose(queues);
        return queues;
      });
    }

    @Override
    public void run() {
      for (JsQueue<?> queue : live.toArray(new JsQueue<?>[0])) {
        try {
          queue.finish(null);
        } catch (Throwable t) {
          Errors.report(Errors.IN_QUEUE_FINALIZER, t);
        }
      }
    }
  }

  /** Whether Node has finalized the threadsafe function. Thread: any. */
  public boolean isGone() {
    return gone;
  }

  /**
   * Queues {@code item}: OK, QUEUE_FULL (not blocking, and full) or CLOSING. A blocking add waits
   * for room. Thread: any; a blocking add on the JS thread of a full queue would wait forever,
   * so the caller must not make one.
   */
  public Status add(T item, boolean blocking) throws InterruptedException {
    if (capacity > 0) {
      while (true) {
        long seen = taken.get();
        int n = size.get();
        if (gone || halted) return Status.CLOSING;
        if (n < capacity) {
          if (size.compareAndSet(n, n + 1)) break;
        } else if (blocking) {
          if (!awaitSpace(seen)) return Status.WOULD_DEADLOCK;
        } else {
          return Status.QUEUE_FULL;
        }
      }
    } else if (gone || halted) { // unbounded: no count to keep (only a capacity needs one)
      return Status.CLOSING;
    }
    if (gone || halted) {
      if (capacity > 0) size.decrementAndGet();
      return Status.CLOSING;
    }
    items.add(item);
    if (gone || halted) { // finalized or halted meanwhile: the drop may have missed this item
      dropAll();
      return Status.CLOSING;
    }
    // Only a ring touches the threadsafe function, so only a ring takes the lock. A closing
    // function still delivers what it holds, or drops it when finalized.
    if (!scheduled.get()) ring();
    return Status.OK;
  }

  private void ring() {
    long stamp = lock.readLock();
    try {
      if (!gone) wake();
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** Rings the JS thread unless a ring is pending. Call with the read lock held. */
  private Status wake() {
    if (!scheduled.compareAndSet(false, true)) return Status.OK;
    Status status = Status.of(napi_call_threadsafe_function(handle, MemorySegment.NULL, napi_tsfn_nonblocking()));
    if (status != Status.OK) scheduled.set(false);
    return status;
  }

  /**
   * Waits until an item is taken or the queue is gone; false when the JS thread, the only one
   * that takes items, stays blocked inside Java (waiting on a lock, a join, a future) for
   * {@link #STALL_MILLIS}: it may be waiting for this very producer, and would never take.
   */
  private boolean awaitSpace(long seen) throws InterruptedException {
    synchronized (space) {
      waiters.incrementAndGet();
      try {
        long stalledSince = 0;
        while (taken.get() == seen && !gone) {
          space.wait(STALL_POLL_MILLIS);
          if (taken.get() != seen || gone || !env.isJsThreadBlocked()) {
            stalledSince = 0;
          } else if (stalledSince == 0) {
            stalledSince = System.nanoTime();
          } else if (System.nanoTime() - stalledSince >= STALL_MILLIS * 1_000_000L) {
            return false;
          }
        }
        return true;
      } finally {
        waiters.decrementAndGet();
      }
    }
  }

  private void signalSpace() {
    if (waiters.get() > 0) {
      synchronized (space) {
        space.notifyAll();
      }
    }
  }

  /** One more holder. Thread: any. */
  public Status acquire() {
    return withHandle(tsfn -> napi_acquire_threadsafe_function(tsfn));
  }

  /**
   * A holder lets go; with {@code abort} the function closes at once: items still waiting are
   * never delivered, whatever the host does with its queued wake-ups (they are dropped on the
   * JS thread, by the next wake-up or the finalizer). Thread: any.
   */
  public Status release(boolean abort) {
    if (abort) halted = true;
    return withHandle(tsfn -> napi_release_threadsafe_function(tsfn, abort ? napi_tsfn_abort() : napi_tsfn_release()));
  }

  /** Lets the queue keep Node alive ({@code true}) or not. Thread: the JS thread. */
  public void ref(boolean keepAlive) {
    keepsAlive = keepAlive;
    if (!backlogRef) setRef(keepAlive);
  }

  private void setRef(boolean keepAlive) {
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
    long stamp = lock.readLock();
    try {
      return gone ? Status.CLOSING : Status.of(op.apply(handle));
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** One wake-up on the JS thread: delivers a batch, and rings again if more wait. */
  private void drain(NodeEnv jsEnv, MemorySegment jsCallback) {
    scheduled.set(false);
    if (backlogRef) {
      backlogRef = false;
      setRef(keepsAlive);
    }
    if (context == null || context.isClosed()) {
      deliverBatch(jsEnv, jsCallback);
      return;
    }
    context.run(() -> deliverBatch(jsEnv, jsCallback));
  }

  private void deliverBatch(NodeEnv jsEnv, MemorySegment jsCallback) {
    for (int delivered = 0; ; delivered++) {
      if (delivered == BATCH) {
        // Let the event loop run; if Node refuses (the function is closing after its last
        // release), deliver the rest now rather than drop it.
        if (ringAfterThisTurn()) return;
        delivered = 0;
      }
      if (halted) { // aborted from another thread meanwhile
        dropAll();
        return;
      }
      T item = items.poll();
      if (item == null) return;
      if (capacity > 0) {
        size.decrementAndGet();
        taken.incrementAndGet();
        signalSpace();
      }
      boolean handled;
      try {
        handled = receiver.deliver(jsEnv, jsCallback, item);
      } catch (Throwable t) {
        handled = !jsEnv.cannotRunJs();
        if (handled) Errors.report(Errors.IN_QUEUED_CALL, t);
      }
      if (!handled) {
        halt(item);
        return;
      }
    }
  }

  /**
   * JS stopped running on this env (a worker's {@code terminate()}, {@code process.exit()}): the
   * item whose delivery found out, and every item after it, are dropped (their futures fail
   * with CLOSING), one by one and without a report each.
   */
  private void halt(T item) {
    halted = true;
    try {
      receiver.dropped(item);
    } catch (Throwable t) {
      Errors.report(Errors.IN_DROPPED_CALL, t);
    }
    dropAll();
  }

  /**
   * Rings again for the items still waiting, from another thread, so that the event loop gets
   * its turn first: Node calls a threadsafe function's callback again and again while its own
   * queue holds rings (up to 1,000 times per wake-up), so a ring made here would starve timers
   * and I/O. An extra hold keeps the function open until that ring is made, and an unref'd
   * function is ref'd until then. False when the function is closing (then nothing was
   * scheduled). Thread: the JS thread.
   */
  private boolean ringAfterThisTurn() {
    if (acquire() != Status.OK) return false;
    if (!keepsAlive) { // items already queued are delivered, even by a queue that lets Node exit
      backlogRef = true;
      setRef(true);
    }
    try {
      Thread.ofVirtual().start(() -> {
        ring();
        release(false);
      });
      return true;
    } catch (Throwable t) { // no thread to be had: ring now instead
      release(false);
      return withHandleStatus() == Status.OK;
    }
  }

  private Status withHandleStatus() {
    long stamp = lock.readLock();
    try {
      return gone ? Status.CLOSING : wake();
    } finally {
      lock.unlockRead(stamp);
    }
  }

  private void dropAll() {
    for (T item; (item = items.poll()) != null; ) {
      if (capacity > 0) size.decrementAndGet();
      try {
        receiver.dropped(item);
      } catch (Throwable t) {
        Errors.report(Errors.IN_DROPPED_CALL, t);
      }
    }
  }

  /** napi_threadsafe_function_call_js of every queue. */
  private static void callJs(long napiEnv, long jsCallback, long context, long data) {
    if (context == 0) return; // see Upcalls.stub
    try {
      JsQueue<?> queue = LIVE.get(context);
      if (queue == null) return;
      NodeEnv env = napiEnv == 0 ? null : Envs.current();
      if (env == null || env.isClosed() || queue.halted) {
        queue.dropAll();
      } else {
        queue.drain(env, MemorySegment.ofAddress(jsCallback));
      }
    } catch (Throwable t) {
      Errors.report(Errors.IN_QUEUE_WAKE_UP, t);
    }
  }

  /** napi_finalize of every queue: it is gone; items still waiting are dropped. */
  private static void finalize(long napiEnv, long data, long hint) {
    if (data == 0) return; // see Upcalls.stub
    try {
      JsQueue<?> queue = LIVE.get(data);
      if (queue == null) return;
      NodeEnv env = Envs.current();
      queue.finish(env == null || env.isClosed() ? null : env);
    } catch (Throwable t) {
      Errors.report(Errors.IN_QUEUE_FINALIZER, t);
    }
  }

  /**
   * Once, on the JS thread, at the finalizer or at the teardown of the env, whichever comes
   * first: the function is gone (no Node-API call touches it again), waiting adds wake up,
   * items still waiting are dropped, and the receiver hears of it ({@code env} null when JS
   * cannot run).
   */
  private void finish(NodeEnv jsEnv) {
    if (LIVE.remove(id) == null) return;
    if (ofEnv != null) ofEnv.live.remove(this);
    long stamp = lock.writeLock();
    try {
      gone = true;
    } finally {
      lock.unlockWrite(stamp);
    }
    synchronized (space) {
      space.notifyAll();
    }
    dropAll();
    if (context != null && jsEnv != null) context.close(); // with the env gone, the context went with it
    receiver.finalized(jsEnv);
  }
}
