package dev.napijava.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;

/** Makes the process-wide upcall stubs (C function pointers into static Java methods). */
public final class Upcalls {
  private Upcalls() {}

  /**
   * A stub for the static method {@code name} of {@code owner}. The method must catch every
   * Throwable: an exception escaping an upcall ends the Node process.
   */
  public static MemorySegment stub(MethodHandles.Lookup owner, String name, FunctionDescriptor descriptor) {
    try {
      var handle = owner.findStatic(owner.lookupClass(), name, descriptor.toMethodType());
      return Linker.nativeLinker().upcallStub(handle, descriptor, Arena.global());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("no upcall target " + name, e);
    }
  }
}
