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
  /** A stub's warm-up call, and the class whose initializer made it. */
  private record Unwarmed(MethodHandles.Lookup owner, MethodHandle call) {}

  private static final Queue<Unwarmed> UNWARMED = new ConcurrentLinkedQueue<>();
  /**
   * How every stub is called for its warm-up, whatever its own signature: through
   * {@link NodeCalls#SIGNATURE} with zeros. A downcall signature of its own per stub would make
   * the JVM spin a stub class and a dozen method-handle classes each at start-up; that one the
   * env links anyway. Safe for the reasons given there (the caller also ignores whatever the
   * return register holds), so {@link #stub} accepts only stubs of at most six {@code long} or
   * {@code int} arguments.
   */
  private static final int WARM_UP_ARGUMENTS = NodeCalls.SIGNATURE.argumentLayouts().size();

  private Upcalls() {}

  /**
   * Calls once more, with zeros, every stub made since the last call (see {@link #stub}). Called
   * by {@link Errors#preload} when an env starts, and by code whose stubs are made later (at the
   * first use of their class) before it hands them to Node. Thread: any thread.
   */
  public static void warmUp() throws Throwable {
    for (Unwarmed stub; (stub = UNWARMED.poll()) != null; ) {
      try {
        stub.owner.ensureInitialized(stub.owner.lookupClass());
      } catch (LinkageError failed) {
        // Its class failed to initialize (say, the heap ran out): the stub never reaches Node,
        // and calling it would throw from the upcall before the target's catch, ending the process.
        continue;
      }
      stub.call.invoke();
    }
  }

  /**
   * A stub for the static method {@code name} of {@code owner}. The method must catch every
   * Throwable: an exception escaping an upcall ends the Node process. It takes at most six
   * {@code JAVA_LONG} or {@code JAVA_INT} arguments (see {@link #WARM_UP_ARGUMENTS}); pointers come as
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
        || !descriptor.argumentLayouts().stream().allMatch(layout -> layout.equals(JAVA_LONG) || layout.equals(JAVA_INT))
        || !descriptor.returnLayout().map(layout -> layout.equals(JAVA_LONG) || layout.equals(JAVA_INT)).orElse(true)) {
      throw new IllegalArgumentException("an upcall takes at most " + WARM_UP_ARGUMENTS
          + " long or int arguments and returns nothing, a long or an int: " + descriptor);
    }
    try {
      var handle = owner.findStatic(owner.lookupClass(), name, descriptor.toMethodType());
      MemorySegment stub = Linker.nativeLinker().upcallStub(handle, descriptor, Arena.global());
      MethodHandle call = MethodHandles.insertArguments(Linker.nativeLinker().downcallHandle(stub, NodeCalls.SIGNATURE), 0,
          0L, 0L, 0L, 0L, 0L, 0L);
      call.invoke();
      UNWARMED.add(new Unwarmed(owner, call));
      return stub;
    } catch (Throwable e) {
      throw new IllegalStateException("cannot make the upcall stub " + name, e);
    }
  }
}
