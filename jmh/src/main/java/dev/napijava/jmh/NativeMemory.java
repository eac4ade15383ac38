package dev.napijava.jmh;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * C's {@code malloc} and {@code free} for the zero-copy Buffer benchmark (as baseline.c uses
 * them: an {@code Arena.ofShared()} per buffer would add a thread handshake to every release),
 * and the memory that the copying benchmark copies from.
 *
 * <p>Threads: any thread; {@link #source} on the JS thread.
 */
final class NativeMemory {
  private static final Linker LINKER = Linker.nativeLinker();
  private static final MethodHandle MALLOC = LINKER.downcallHandle(LINKER.defaultLookup().find("malloc").orElseThrow(),
      FunctionDescriptor.of(ADDRESS, JAVA_LONG));
  private static final MethodHandle FREE = LINKER.downcallHandle(LINKER.defaultLookup().find("free").orElseThrow(),
      FunctionDescriptor.ofVoid(ADDRESS));
  private static MemorySegment source = MemorySegment.NULL;

  private NativeMemory() {}

  /** {@code size} bytes from {@code malloc} (not zeroed). */
  static MemorySegment malloc(long size) {
    try {
      MemorySegment memory = (MemorySegment) MALLOC.invokeExact(Math.max(1, size));
      if (memory.equals(MemorySegment.NULL)) throw new OutOfMemoryError("malloc(" + size + ") failed");
      return memory.reinterpret(size);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new AssertionError(t);
    }
  }

  /** {@code free(memory)}. */
  static void free(MemorySegment memory) {
    try {
      FREE.invokeExact(memory);
    } catch (Throwable t) {
      throw new AssertionError(t);
    }
  }

  /** {@code size} bytes of 1s that stay allocated, to copy from (grown on demand). */
  static MemorySegment source(int size) {
    if (source.byteSize() < size) source = Arena.global().allocate(size).fill((byte) 1);
    return source.asSlice(0, size);
  }
}
