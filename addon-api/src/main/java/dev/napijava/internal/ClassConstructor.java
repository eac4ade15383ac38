package dev.napijava.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;

/**
 * The {@code napi_callback} of every constructor that {@code napi_define_class} made for a
 * {@link ClassSpec}: it reads the call (which needs the {@code napi_callback_info} for
 * {@code new.target}, hence a stub of its own rather than {@link Functions}' dispatcher) and
 * hands it to the env's {@link ClassRegistry}. Catches every Throwable.
 *
 * <p>Thread: the JS thread of the env.
 */
final class ClassConstructor {
  static final MemorySegment STUB = Upcalls.stub(MethodHandles.lookup(), "construct",
      FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
  private static final int ARGS_INLINE = 8;

  private ClassConstructor() {}

  private static MemorySegment construct(MemorySegment napiEnv, MemorySegment info) {
    NodeEnv env = Envs.current();
    if (env == null) return Errors.throwUnbound(napiEnv);
    try {
      MemorySegment slots = env.out(); // [0] argc, [8] this, [16] data
      MemorySegment argv = env.callArgs(ARGS_INLINE);
      slots.set(JAVA_LONG, 0, ARGS_INLINE);
      env.check(Critical.getCbInfo(napiEnv, info, slots, argv, slots.asSlice(8), slots.asSlice(16)));
      int argc = (int) slots.get(JAVA_LONG, 0);
      MemorySegment thisArg = slots.get(ADDRESS, 8);
      long id = slots.get(ADDRESS, 16).address();
      if (argc > ARGS_INLINE) {
        argv = env.callArgs(argc);
        slots.set(JAVA_LONG, 0, argc);
        env.check(Critical.getCbInfo(napiEnv, info, slots, argv, MemorySegment.NULL, MemorySegment.NULL));
      }
      MemorySegment[] args = new MemorySegment[argc];
      for (int i = 0; i < argc; i++) args[i] = argv.getAtIndex(ADDRESS, i);
      return ClassRegistry.of(env).construct(id, info, thisArg, args);
    } catch (Throwable t) {
      Errors.throwToJs(env, t);
      return MemorySegment.NULL;
    }
  }
}
