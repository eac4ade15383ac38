package dev.napijava.internal;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Makes the process-wide upcall stubs (C function pointers into static Java methods). */
public final class Upcalls {
  private static final Queue<MethodHandle> UNWARMED = new ConcurrentLinkedQueue<>();

  private Upcalls() {}

  /**
   * Calls once more, with zeros, every stub made since the last call (see {@link #stub}). Called
   * by {@link Errors#preload} when an env starts, and by code whose stubs are made later (at the
   * first use of their class) before it hands them to Node. Thread: any thread.
   */
  public static void warmUp() throws Throwable {
    for (MethodHandle call; (call = UNWARMED.poll()) != null; ) call.invoke();
  }

  /**
   * A stub for the static method {@code name} of {@code owner}. The method must catch every
   * Throwable: an exception escaping an upcall ends the Node process. Pointers should be passed
   * as {@code JAVA_LONG}, not {@code ADDRESS}: the stub wraps an {@code ADDRESS} in a new
   * {@code MemorySegment} before the method runs, an allocation that can fail (heap exhausted)
   * where no catch can see it; a {@code long} costs nothing.
   *
   * <p>The stub is called with every argument zero before it is returned, and again by
   * {@link #warmUp} once its class is initialized: its first calls link code inside the JVM,
   * and that linking, if it came at the first real call with the heap exhausted, would fail
   * outside the method's catch. So a target must do nothing (and return zero) when its env or
   * data argument is zero, and its class belongs in {@link Errors#preload}, or, if it is made at
   * its first use, {@link #warmUp} runs after its class is initialized and before its stubs reach
   * Node (see AsyncTask).
   */
  public static MemorySegment stub(MethodHandles.Lookup owner, String name, FunctionDescriptor descriptor) {
    try {
      var handle = owner.findStatic(owner.lookupClass(), name, descriptor.toMethodType());
      MemorySegment stub = Linker.nativeLinker().upcallStub(handle, descriptor, Arena.global());
      Object[] zeros = descriptor.argumentLayouts().stream()
          .map(layout -> layout instanceof AddressLayout ? MemorySegment.NULL : layout.equals(JAVA_INT) ? (Object) 0 : (Object) 0L)
          .toArray();
      MethodHandle call = MethodHandles.insertArguments(Linker.nativeLinker().downcallHandle(stub, descriptor), 0, zeros);
      call.invoke();
      UNWARMED.add(call);
      return stub;
    } catch (Throwable e) {
      throw new IllegalStateException("cannot make the upcall stub " + name, e);
    }
  }
}
