package dev.napijava.internal;

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
      FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG));

  private ClassConstructor() {}

  private static long construct(long napiEnvAddress, long infoAddress) {
    if (napiEnvAddress == 0) return 0; // see Upcalls.stub
    NodeEnv env = null;
    try {
      MemorySegment napiEnv = MemorySegment.ofAddress(napiEnvAddress);
      MemorySegment info = MemorySegment.ofAddress(infoAddress);
      env = Envs.current();
      if (env == null) return Errors.throwUnbound(napiEnv).address();
      Functions.Frame frame = Functions.frame(env, napiEnv, info);
      return ClassRegistry.of(env).construct(frame.data(), info, frame.thisArg(), frame.args()).address();
    } catch (Throwable t) {
      try {
        if (env != null) Errors.throwToJs(env, t);
      } catch (Throwable again) {
        // Errors never throws; see Functions.dispatch
      }
      return 0;
    }
  }
}
