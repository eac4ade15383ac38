package dev.napijava.internal;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

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
  /**
   * How every stub is called for its warm-up, whatever its own signature: as an {@code int
   * (*)(void *, void *, void *, void *)} with null pointers. A downcall signature of its own per
   * stub would make the JVM spin a stub class and a dozen method-handle classes each at start-up
   * (tens of milliseconds apiece before the JIT has compiled the class-file API); this one is
   * {@code napi_set_named_property}'s, which every env links anyway. Calling a function through
   * a wider type is safe on the ABIs Node runs on (x86-64 System V and Windows, AArch64): up to
   * four integer arguments travel in registers, a callee reads only those it declares (an
   * {@code int} its register's low half, here zero), and the caller ignores whatever the
   * return register holds. So {@link #stub} accepts only stubs of at most four {@code long} or
   * {@code int} arguments.
   */
  private static final FunctionDescriptor WARM_UP = dev.napijava.bindings.NodeApi.napi_set_named_property$descriptor();
  private static final int WARM_UP_ARGUMENTS = WARM_UP.argumentLayouts().size();

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
   * Throwable: an exception escaping an upcall ends the Node process. It takes at most four
   * {@code JAVA_LONG} or {@code JAVA_INT} arguments (see {@link #WARM_UP}); pointers come as
   * {@code JAVA_LONG}, not {@code ADDRESS}: the stub would wrap an {@code ADDRESS} in a new
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
    if (descriptor.argumentLayouts().size() > WARM_UP_ARGUMENTS
        || !descriptor.argumentLayouts().stream().allMatch(layout -> layout.equals(JAVA_LONG) || layout.equals(JAVA_INT))) {
      throw new IllegalArgumentException("an upcall takes at most " + WARM_UP_ARGUMENTS + " long or int arguments: " + descriptor);
    }
    try {
      var handle = owner.findStatic(owner.lookupClass(), name, descriptor.toMethodType());
      MemorySegment stub = Linker.nativeLinker().upcallStub(handle, descriptor, Arena.global());
      MethodHandle call = MethodHandles.insertArguments(Linker.nativeLinker().downcallHandle(stub, WARM_UP), 0,
          MemorySegment.NULL, MemorySegment.NULL, MemorySegment.NULL, MemorySegment.NULL);
      call.invoke();
      UNWARMED.add(call);
      return stub;
    } catch (Throwable e) {
      throw new IllegalStateException("cannot make the upcall stub " + name, e);
    }
  }
}
