package dev.napijava.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * Finds Node-API functions in the running host executable ({@code node}), for the downcall
 * handles the runtime makes itself ({@link Critical}): {@code dlsym(RTLD_DEFAULT, name)} on Linux
 * and macOS, {@code GetProcAddress(GetModuleHandleW(NULL), name)} on Windows (the two take a
 * handle and a name and return the address). The generated bindings' own
 * {@code napi_x$address()} would initialize their holder class for {@code napi_x}, which also
 * links that function's generic handle: for a function only ever called through a critical
 * handle, a stub class spun at start-up for nothing. The descriptor is the one the bindings use
 * for their {@code dlsym}, so it links no class either.
 *
 * <p>Thread: any thread.
 */
final class NodeSymbols {
  private static final boolean WINDOWS = System.getProperty("os.name").startsWith("Windows");
  /** Where the lookup function is: kernel32 on Windows, the C library elsewhere. */
  private static final SymbolLookup SYSTEM = WINDOWS
      ? SymbolLookup.libraryLookup("kernel32", Arena.global())
      : Linker.nativeLinker().defaultLookup();
  /** {@code dlsym} or {@code GetProcAddress}, or null where there is none: then the linker's default lookup. */
  private static final MethodHandle DLSYM = SYSTEM.find(WINDOWS ? "GetProcAddress" : "dlsym")
      .map(dlsym -> Linker.nativeLinker().downcallHandle(dlsym, FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS)))
      .orElse(null);
  /**
   * {@code RTLD_DEFAULT} ({@code ((void *) 0)} with glibc and musl, {@code ((void *) -2)} on
   * macOS), or on Windows the module handle of the process's executable.
   */
  private static final MemorySegment DEFAULT = WINDOWS ? hostModule()
      : MemorySegment.ofAddress(System.getProperty("os.name").startsWith("Mac") ? -2L : 0L);

  private NodeSymbols() {}

  private static MemorySegment hostModule() {
    try {
      MethodHandle getModuleHandle = Linker.nativeLinker().downcallHandle(SYSTEM.findOrThrow("GetModuleHandleW"),
          FunctionDescriptor.of(ADDRESS, ADDRESS));
      return (MemorySegment) getModuleHandle.invokeExact(MemorySegment.NULL);
    } catch (Throwable t) {
      throw new AssertionError("GetModuleHandleW failed", t);
    }
  }

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
      throw new AssertionError((WINDOWS ? "GetProcAddress" : "dlsym") + " failed for " + name, t);
    }
  }
}
