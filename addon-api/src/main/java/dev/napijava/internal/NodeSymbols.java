package dev.napijava.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Finds Node-API functions in the running {@code node} executable with {@code dlsym}, for the
 * downcall handles the runtime makes itself ({@link Critical}). The generated bindings' own
 * {@code napi_x$address()} would initialize their holder class for {@code napi_x}, which also
 * links that function's generic handle: for a function only ever called through a critical
 * handle, a stub class spun at start-up for nothing. The descriptor is the one the bindings use
 * for their {@code dlsym}, so it links no class either.
 *
 * <p>Thread: any thread.
 */
final class NodeSymbols {
  /** {@code RTLD_DEFAULT}: {@code ((void *) 0)} with glibc, {@code ((void *) -2)} on macOS. */
  private static final MemorySegment DEFAULT = MemorySegment.ofAddress(System.getProperty("os.name").startsWith("Mac") ? -2L : 0L);
  /** {@code dlsym}, or null where the C library has none: then the linker's default lookup. */
  private static final MethodHandle DLSYM = Linker.nativeLinker().defaultLookup().find("dlsym")
      .map(dlsym -> Linker.nativeLinker().downcallHandle(dlsym, FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS)))
      .orElse(null);

  private NodeSymbols() {}

  /** The address of {@code name}; {@link UnsatisfiedLinkError} when this Node does not have it. */
  static MemorySegment find(String name) {
    if (DLSYM == null) {
      return Linker.nativeLinker().defaultLookup().find(name)
          .orElseThrow(() -> new UnsatisfiedLinkError("Node-API function not found: " + name));
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment address = (MemorySegment) DLSYM.invokeExact(DEFAULT, arena.allocateFrom(name));
      if (address.address() == 0) throw new UnsatisfiedLinkError("Node-API function not found: " + name);
      return address;
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new AssertionError("dlsym failed for " + name, t);
    }
  }
}
