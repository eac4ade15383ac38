package dev.napijava.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.napijava.bindings.NodeApi;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Critical downcalls ({@link Linker.Option#critical}) for the Node-API functions on the hot path
 * of every JS call of a Java function. They skip the JVM's thread-state transition, which is
 * allowed because these functions never call back into JS or Java and return at once. The
 * addresses come from the generated bindings.
 *
 * <p>Thread: the JS thread of the env passed.
 */
public final class Critical {
  // One holder class per function: a handle is made at its first use (start-up pays only for
  // the ones it needs).
  private static final class GetCbInfo {
    static final MethodHandle HANDLE = critical(NodeApi.napi_get_cb_info$address(),
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
  }

  private static final class GetValueDouble {
    static final MethodHandle HANDLE = critical(NodeApi.napi_get_value_double$address(),
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
  }

  private static final class CreateDouble {
    static final MethodHandle HANDLE = critical(NodeApi.napi_create_double$address(),
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_DOUBLE, ADDRESS));
  }

  private static final class CreateInt32 {
    static final MethodHandle HANDLE = critical(NodeApi.napi_create_int32$address(),
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
  }

  private static final class GetBoolean {
    static final MethodHandle HANDLE = critical(NodeApi.napi_get_boolean$address(),
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_BOOLEAN, ADDRESS));
  }

  private static final class CreateStringLatin1 {
    static final MethodHandle HANDLE = criticalHeap(NodeApi.napi_create_string_latin1$address(),
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
  }

  private static final class CreateStringUtf16 {
    static final MethodHandle HANDLE = criticalHeap(NodeApi.napi_create_string_utf16$address(),
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
  }

  private static final class TypeOf {
    static final MethodHandle HANDLE = critical(NodeApi.napi_typeof$address(),
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
  }

  private static final class GetUndefined {
    static final MethodHandle HANDLE = critical(NodeApi.napi_get_undefined$address(),
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
  }

  private static final class GetReferenceValue {
    static final MethodHandle HANDLE = critical(NodeApi.napi_get_reference_value$address(),
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
  }

  private Critical() {}

  /** {@code napi_get_undefined}. */
  public static int getUndefined(MemorySegment env, MemorySegment result) {
    try {
      return (int) GetUndefined.HANDLE.invokeExact(env, result);
    } catch (Throwable t) {
      throw new AssertionError("napi_get_undefined failed to run", t);
    }
  }

  /** {@code napi_get_reference_value}. */
  public static int getReferenceValue(MemorySegment env, MemorySegment ref, MemorySegment result) {
    try {
      return (int) GetReferenceValue.HANDLE.invokeExact(env, ref, result);
    } catch (Throwable t) {
      throw new AssertionError("napi_get_reference_value failed to run", t);
    }
  }

  private static MethodHandle critical(MemorySegment address, FunctionDescriptor descriptor) {
    return Linker.nativeLinker().downcallHandle(address, descriptor, Linker.Option.critical(false));
  }

  /** A critical downcall that may also take heap segments (the JVM's GC waits while it runs). */
  private static MethodHandle criticalHeap(MemorySegment address, FunctionDescriptor descriptor) {
    return Linker.nativeLinker().downcallHandle(address, descriptor, Linker.Option.critical(true));
  }

  /** {@code napi_get_value_double}. */
  public static int getValueDouble(MemorySegment env, MemorySegment value, MemorySegment result) {
    try {
      return (int) GetValueDouble.HANDLE.invokeExact(env, value, result);
    } catch (Throwable t) {
      throw new AssertionError("napi_get_value_double failed to run", t);
    }
  }

  /** {@code napi_create_double} (allocates in V8, which never calls back into JS or Java here). */
  public static int createDouble(MemorySegment env, double value, MemorySegment result) {
    try {
      return (int) CreateDouble.HANDLE.invokeExact(env, value, result);
    } catch (Throwable t) {
      throw new AssertionError("napi_create_double failed to run", t);
    }
  }

  /** {@code napi_create_int32} (may allocate in V8, like {@link #createDouble}). */
  public static int createInt32(MemorySegment env, int value, MemorySegment result) {
    try {
      return (int) CreateInt32.HANDLE.invokeExact(env, value, result);
    } catch (Throwable t) {
      throw new AssertionError("napi_create_int32 failed to run", t);
    }
  }

  /** {@code napi_get_boolean}. */
  public static int getBoolean(MemorySegment env, boolean value, MemorySegment result) {
    try {
      return (int) GetBoolean.HANDLE.invokeExact(env, value, result);
    } catch (Throwable t) {
      throw new AssertionError("napi_get_boolean failed to run", t);
    }
  }

  /**
   * {@code napi_create_string_latin1}; {@code text} may be a heap segment (V8 copies it and
   * may allocate, like {@link #createDouble}).
   */
  public static int createStringLatin1(MemorySegment env, MemorySegment text, long length, MemorySegment result) {
    try {
      return (int) CreateStringLatin1.HANDLE.invokeExact(env, text, length, result);
    } catch (Throwable t) {
      throw new AssertionError("napi_create_string_latin1 failed to run", t);
    }
  }

  /** {@code napi_create_string_utf16}; {@code text} may be a heap segment (see {@link #createStringLatin1}). */
  public static int createStringUtf16(MemorySegment env, MemorySegment text, long length, MemorySegment result) {
    try {
      return (int) CreateStringUtf16.HANDLE.invokeExact(env, text, length, result);
    } catch (Throwable t) {
      throw new AssertionError("napi_create_string_utf16 failed to run", t);
    }
  }

  /** {@code napi_typeof}. */
  public static int typeOf(MemorySegment env, MemorySegment value, MemorySegment result) {
    try {
      return (int) TypeOf.HANDLE.invokeExact(env, value, result);
    } catch (Throwable t) {
      throw new AssertionError("napi_typeof failed to run", t);
    }
  }

  /** {@code napi_get_cb_info}: argc in/out, argv, this and data out. */
  public static int getCbInfo(MemorySegment env, MemorySegment info, MemorySegment argc, MemorySegment argv,
      MemorySegment thisArg, MemorySegment data) {
    try {
      return (int) GetCbInfo.HANDLE.invokeExact(env, info, argc, argv, thisArg, data);
    } catch (Throwable t) {
      throw new AssertionError("napi_get_cb_info failed to run", t);
    }
  }
}
