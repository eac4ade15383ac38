package dev.napijava.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Java objects that JS values hold (the Java object of an external, the release action of
 * memory lent to JS). Each gets a process-wide id that travels through Node-API as a finalize
 * hint; {@link #FINALIZE} ({@code napi_finalize}) drops the object when V8 collects the value,
 * or when the env is torn down, exactly once.
 *
 * <p>Thread: any thread; the finalizer runs on the JS thread of the value's env.
 */
public final class Held {
  /** A held object that must act when JS lets go of it. */
  public interface Releasable {
    /** Called once, on the JS thread, with the raw {@code napi_env} (whose NodeEnv may be closed). */
    void release(MemorySegment napiEnv);
  }

  /** The {@code napi_finalize} to pass with {@link #hint} of an id. */
  public static final MemorySegment FINALIZE = Upcalls.stub(MethodHandles.lookup(), "finalize",
      FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS));

  private static final Map<Long, Object> OBJECTS = new ConcurrentHashMap<>();
  private static final AtomicLong IDS = new AtomicLong();

  private Held() {}

  /** Holds {@code object} until {@link #FINALIZE} runs with its id (or {@link #drop}). */
  public static long hold(Object object) {
    long id = IDS.incrementAndGet();
    OBJECTS.put(id, object);
    return id;
  }

  /** The finalize hint that carries {@code id}. */
  public static MemorySegment hint(long id) {
    return MemorySegment.ofAddress(id);
  }

  /** The object held under {@code id}, or null if it was released. */
  public static Object get(long id) {
    return OBJECTS.get(id);
  }

  /** Lets go of {@code id} without releasing it (the JS value was never made). */
  public static void drop(long id) {
    OBJECTS.remove(id);
  }

  /** napi_finalize: drops the object and runs its release, never throwing. */
  private static void finalize(MemorySegment napiEnv, MemorySegment data, MemorySegment hint) {
    if (hint.address() == 0) return; // see Upcalls.stub: its first call, made before OBJECTS exists
    try {
      if (OBJECTS.remove(hint.address()) instanceof Releasable releasable) releasable.release(napiEnv);
    } catch (Throwable t) {
      Errors.report("the finalizer of a Java object held by JS", t);
    }
  }
}
