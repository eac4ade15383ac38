package dev.napijava.internal;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Java object behind one JS wrapper ({@code napi_wrap}). The wrapper's native pointer is
 * this instance's id in a process-wide table; the wrap's finalizer, run when V8 collects the
 * wrapper, removes it from the table and from its env's identity map (releasing the Java object
 * to Java's GC) and closes an {@link AutoCloseable} object. {@link #close} runs at most once,
 * whichever comes first: collection, env teardown, or an explicit {@code dispose()}.
 *
 * <p>Thread: the JS thread of its env (the finalizer runs there too).
 */
final class WrappedInstance {
  private static final Map<Long, WrappedInstance> TABLE = new ConcurrentHashMap<>();
  private static final AtomicLong IDS = new AtomicLong();
  static final MemorySegment FINALIZE = Upcalls.stub(MethodHandles.lookup(), "finalizeWrap",
      FunctionDescriptor.ofVoid(JAVA_LONG, JAVA_LONG, JAVA_LONG));

  final ClassRegistry registry;
  final ClassSpec spec;
  final Object object;
  final long id = IDS.incrementAndGet();
  /** The weak {@code napi_ref} to the wrapper that {@code napi_wrap} returned; deleted by the finalizer. */
  MemorySegment wrapper = MemorySegment.NULL;
  private boolean closed;

  WrappedInstance(ClassRegistry registry, ClassSpec spec, Object object, boolean closed) {
    this.registry = registry;
    this.spec = spec;
    this.object = object;
    this.closed = closed;
    TABLE.put(id, this);
  }

  /** The instance whose id is the native pointer of a wrapper, or null. */
  static WrappedInstance byId(long id) {
    return TABLE.get(id);
  }

  /** Forgets this instance (its wrapper is gone, or its env). */
  void remove() {
    TABLE.remove(id);
  }

  boolean isClosed() {
    return closed;
  }

  /** Closes an AutoCloseable object, once; later calls do nothing. */
  void close() throws Exception {
    if (closed) return;
    closed = true;
    if (object instanceof AutoCloseable closeable) closeable.close();
  }

  /** napi_finalize of a wrapper: V8 collected it (or the env is going away). */
  private static void finalizeWrap(long env, long data, long hint) {
    if (data == 0) return; // see Upcalls.stub
    try {
      WrappedInstance instance = TABLE.remove(data);
      if (instance != null) instance.registry.collected(instance);
    } catch (Throwable t) {
      Errors.report(Errors.IN_INSTANCE_FINALIZER, t);
    }
  }
}
