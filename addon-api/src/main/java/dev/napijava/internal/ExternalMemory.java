package dev.napijava.internal;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Off-heap memory that Java lends to JS as the backing store of an ArrayBuffer or Buffer,
 * without a copy ({@code napi_create_external_arraybuffer}, {@code napi_create_external_buffer}).
 * The loan is reported to V8 with {@code napi_adjust_external_memory} (+size when made, -size
 * when released) so that its GC sees the pressure, and the owner's release action runs once
 * when JS collects the value or its env is torn down, on that env's JS thread.
 *
 * <p>Where Node refuses external buffers ({@code napi_no_external_buffers_allowed}, e.g.
 * Electron with the V8 sandbox), or when the system property {@code napijava.noExternalBuffers}
 * is {@code true} (to test that path), the memory is copied into a JS-owned buffer and the
 * release action runs at once.
 *
 * <p>Thread: the JS thread of the env.
 */
public final class ExternalMemory {
  private static final boolean REFUSED = Boolean.getBoolean("napijava.noExternalBuffers");
  private static final AtomicLong LENT = new AtomicLong();

  /** One loan: its size and the owner's release action. */
  private record Loan(long size, Runnable action) implements Held.Releasable {
    @Override
    public void release(MemorySegment napiEnv) {
      LENT.addAndGet(-size);
      try (Arena arena = Arena.ofConfined()) {
        napi_adjust_external_memory(napiEnv, -size, arena.allocate(JAVA_LONG));
      } catch (Throwable t) {
        Errors.report("reporting released external memory to V8", t);
      }
      try {
        action.run();
      } catch (Throwable t) {
        Errors.report("the release action of memory lent to JS", t);
      }
    }
  }

  private ExternalMemory() {}

  /** Bytes lent to JS by every env of the process and not yet released. Thread: any thread. */
  public static long lent() {
    return LENT.get();
  }

  /**
   * A JS Buffer ({@code buffer}) or ArrayBuffer over {@code memory}, or over a copy of it where
   * external buffers are refused (then {@code release} has run when this returns). If this
   * throws, the memory was not taken and {@code release} has not run.
   */
  public static MemorySegment lend(NodeEnv env, MemorySegment memory, Runnable release, boolean buffer) {
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(release, "release");
    if (!memory.isNative()) throw new IllegalArgumentException("only off-heap (native) memory can be lent to JS; copy a heap segment instead");
    if (memory.isReadOnly()) throw new IllegalArgumentException("read-only memory cannot be lent to JS, which may write it; copy it instead");
    if (!memory.scope().isAlive()) throw new IllegalStateException("the memory to lend to JS is already freed (its arena is closed)");
    MemorySegment napiEnv = env.napi();
    MemorySegment out = env.out();
    long size = memory.byteSize();
    if (size > 0 && !REFUSED) {
      Loan loan = new Loan(size, release);
      long id = Held.hold(loan);
      int status = buffer
          ? napi_create_external_buffer(napiEnv, size, memory, Held.FINALIZE, Held.hint(id), out)
          : napi_create_external_arraybuffer(napiEnv, memory, size, Held.FINALIZE, Held.hint(id), out);
      if (status == napi_ok()) {
        MemorySegment handle = out.get(ADDRESS, 0);
        LENT.addAndGet(size);
        env.check(napi_adjust_external_memory(napiEnv, size, out));
        return handle;
      }
      Held.drop(id);
      if (status != napi_no_external_buffers_allowed()) env.check(status);
    }
    MemorySegment copy = copy(env, memory, buffer);
    release.run();
    return copy;
  }

  /** A new JS-owned Buffer or ArrayBuffer holding a copy of {@code memory}. */
  public static MemorySegment copy(NodeEnv env, MemorySegment memory, boolean buffer) {
    MemorySegment napiEnv = env.napi();
    MemorySegment out = env.out(); // [0] the value, [8] its data
    long size = memory.byteSize();
    env.check(buffer
        ? napi_create_buffer(napiEnv, size, out.asSlice(8), out)
        : napi_create_arraybuffer(napiEnv, size, out.asSlice(8), out));
    MemorySegment handle = out.get(ADDRESS, 0);
    if (size > 0) MemorySegment.copy(memory, 0, out.get(ADDRESS, 8).reinterpret(size), 0, size);
    return handle;
  }

  /** A new JS-owned, zero-filled Buffer or ArrayBuffer of {@code size} bytes. */
  public static MemorySegment allocate(NodeEnv env, long size, boolean buffer) {
    if (size < 0) throw new IllegalArgumentException("a negative size: " + size);
    MemorySegment napiEnv = env.napi();
    MemorySegment out = env.out();
    env.check(buffer
        ? napi_create_buffer(napiEnv, size, out.asSlice(8), out)
        : napi_create_arraybuffer(napiEnv, size, out.asSlice(8), out));
    MemorySegment handle = out.get(ADDRESS, 0);
    // napi_create_buffer does not promise zeroed memory
    if (buffer && size > 0) out.get(ADDRESS, 8).reinterpret(size).fill((byte) 0);
    return handle;
  }
}
