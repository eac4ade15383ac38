package dev.napijava.internal;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

/**
 * The Node-API functions on the path from an env's start to its first call, and those the
 * failure boundary needs, all called through one downcall signature, {@code int (long, long,
 * long, long, long, long)}. Each distinct signature costs start-up about 15 ms: the JVM spins a
 * stub class and a dozen method-handle classes for it, in the interpreter, and its AOT cache
 * keeps none of them. Through one signature these functions cost one; {@link Critical} does
 * the same for its functions of integer arguments, {@link Upcalls} calls its stubs through
 * {@link #SIGNATURE} too.
 *
 * <p>A function of fewer parameters is called with the rest zero. That is safe on the ABIs Node
 * runs on (x86-64 System V and Windows, AArch64): integer and pointer arguments travel in
 * registers, or beyond them in stack slots the caller owns, and a callee reads only those it
 * declares (an {@code int} or {@code uint32_t} the low half of its register). So only functions
 * whose parameters are all pointers or integers, six at most, go here; each returns a
 * {@code napi_status}. Calls are ordinary (not critical) downcalls: some may run JS.
 *
 * <p>Thread: the JS thread of the env passed, as Node-API requires.
 */
public final class NodeCalls {
  /** The one signature. */
  static final FunctionDescriptor SIGNATURE =
      FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG);
  /** {@code NAPI_AUTO_LENGTH}: the length of a NUL-terminated string argument. */
  static final long AUTO_LENGTH = -1L;

  static final MethodHandle THROW = link("napi_throw");
  static final MethodHandle THROW_ERROR = link("napi_throw_error");
  static final MethodHandle IS_EXCEPTION_PENDING = link("napi_is_exception_pending");
  static final MethodHandle GET_INSTANCE_DATA = link("napi_get_instance_data");
  static final MethodHandle SET_INSTANCE_DATA = link("napi_set_instance_data");
  static final MethodHandle ADD_ENV_CLEANUP_HOOK = link("napi_add_env_cleanup_hook");
  static final MethodHandle CREATE_FUNCTION = link("napi_create_function");
  static final MethodHandle ADD_FINALIZER = link("napi_add_finalizer");
  public static final MethodHandle CREATE_OBJECT = link("napi_create_object");
  public static final MethodHandle SET_NAMED_PROPERTY = link("napi_set_named_property");
  public static final MethodHandle IS_ARRAY = link("napi_is_array");
  public static final MethodHandle CREATE_REFERENCE = link("napi_create_reference");
  static final MethodHandle CREATE_STRING_UTF8 = link("napi_create_string_utf8");
  static final MethodHandle GET_VALUE_STRING_UTF8 = link("napi_get_value_string_utf8");

  private NodeCalls() {}

  private static MethodHandle link(String name) {
    return Linker.nativeLinker().downcallHandle(NodeSymbols.find(name), SIGNATURE);
  }

  /** Calls {@code function} (one of the handles above) with two arguments. */
  public static int call(MethodHandle function, long a, long b) {
    return call(function, a, b, 0, 0, 0, 0);
  }

  /** Calls {@code function} (one of the handles above) with three arguments. */
  public static int call(MethodHandle function, long a, long b, long c) {
    return call(function, a, b, c, 0, 0, 0);
  }

  /** Calls {@code function} (one of the handles above) with four arguments. */
  public static int call(MethodHandle function, long a, long b, long c, long d) {
    return call(function, a, b, c, d, 0, 0);
  }

  /** Calls {@code function} (one of the handles above) with six arguments. */
  public static int call(MethodHandle function, long a, long b, long c, long d, long e, long f) {
    try {
      return (int) function.invokeExact(a, b, c, d, e, f);
    } catch (Throwable t) {
      throw new AssertionError("a Node-API function failed to run", t);
    }
  }
}
