package dev.napijava.jmh;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;

/**
 * The FFM floor of the start-up row of {@code compare.mjs}: a plain JVM process, started with an
 * AOT cache of its own, that does the FFM work any Node addon written with FFM does before its
 * first call returns, and exits. It finds {@code dlsym} and calls it (how Node-API's functions
 * are found in the {@code node} executable), makes the upcall stub of one exported function
 * ({@code long (long env, long info)}, as {@link FloorOperations} exports them), and links and
 * calls one downcall handle with the signature of each Node-API function that exporting it
 * takes ({@code napi_create_function}, {@code napi_set_named_property}: what the C twin calls),
 * then prints its resident memory.
 * With no Node here, those two handles call the upcall stub itself (a callee reads only the
 * registers it declares), which also runs the stub once, as the first JS call does.
 *
 * <p>Each further signature costs about as much again (the JVM spins a stub class and its
 * method-handle classes, which its AOT cache does not keep): napi-java's start-up beyond this
 * floor is mostly the signatures its failure handling, finalizers and argument conversion link.
 *
 * <p>Threads: the main thread.
 */
public final class StartupFfmFloor {
  private StartupFfmFloor() {}

  /** The exported function's body. */
  static long noop(long env, long info) {
    return 0;
  }

  /** Does the FFM work of a one-function addon once. */
  public static void main(String[] args) throws Throwable {
    Linker linker = Linker.nativeLinker();
    MethodHandle dlsym = linker.downcallHandle(linker.defaultLookup().findOrThrow("dlsym"),
        FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment found = (MemorySegment) dlsym.invokeExact(MemorySegment.NULL, arena.allocateFrom("dlsym"));
      FunctionDescriptor body = FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG);
      MemorySegment stub = linker.upcallStub(
          MethodHandles.lookup().findStatic(StartupFfmFloor.class, "noop", body.toMethodType()), body, arena);
      MethodHandle createFunction = linker.downcallHandle(stub,
          FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS));
      MethodHandle setNamedProperty = linker.downcallHandle(stub, FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
      MemorySegment out = arena.allocate(ADDRESS);
      int created = (int) createFunction.invokeExact(MemorySegment.NULL, arena.allocateFrom("noop"), -1L, stub, MemorySegment.NULL, out);
      int set = (int) setNamedProperty.invokeExact(MemorySegment.NULL, MemorySegment.NULL, arena.allocateFrom("noop"), out);
      if (found.address() == 0 || created != 0 || set != 0) throw new IllegalStateException("the FFM floor's calls failed");
    }
    StartupFloor.printResidentMemory();
  }
}
