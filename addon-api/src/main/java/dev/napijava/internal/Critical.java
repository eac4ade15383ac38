package dev.napijava.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Critical downcalls ({@link Linker.Option#critical}) for the Node-API functions on the hot path
 * of every JS call of a Java function. They skip the JVM's thread-state transition, which is
 * allowed because these functions never call back into JS or Java and return at once. The
 * addresses come from {@link NodeSymbols}. The functions of integer and pointer arguments share
 * {@link NodeCalls#SIGNATURE} (padded with zeros, as there), so that they cost start-up one
 * signature between them. Pointers are passed as {@code long}s (a
 * {@code MemorySegment} made for each would be an allocation per call that the JIT does not
 * always remove); only memory that may be on the Java heap is passed as a segment.
 *
 * <p>Some of these functions allocate in V8 (numbers, strings), and an allocation may run a V8
 * garbage collection. That is safe because the launcher declares Node-API version 8
 * ({@code loader/build.sh}): Node then only queues finalizers during a collection and runs them
 * later, outside this call. A module declaring the experimental Node-API version would have
 * Node run finalizers inside the collection, an upcall into Java from a thread that a critical
 * downcall left in the Java state: do not change that version without revisiting this class.
 *
 * <p>Thread: the JS thread of the env passed.
 */
public final class Critical {
  // One holder class per function: a handle is made at its first use (start-up pays only for
  // the ones it needs).
  private static final class GetCbInfo {
    static final MethodHandle HANDLE = critical(NodeSymbols.find("napi_get_cb_info"), NodeCalls.SIGNATURE);
  }

  private static final class GetValueDouble {
    static final MethodHandle HANDLE = critical(NodeSymbols.find("napi_get_value_double"), NodeCalls.SIGNATURE);
  }

  private static final class CreateDouble {
    static final MethodHandle HANDLE = critical(NodeSymbols.find("napi_create_double"),
        FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_DOUBLE, JAVA_LONG));
  }

  private static final class CreateInt32 {
    static final MethodHandle HANDLE = critical(NodeSymbols.find("napi_create_int32"),
        FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG));
  }

  private static final class GetBoolean {
    static final MethodHandle HANDLE = critical(NodeSymbols.find("napi_get_boolean"),
        FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_BOOLEAN, JAVA_LONG));
  }

  private static final class CreateStringUtf16 {
    static final MethodHandle HANDLE = criticalHeap(NodeSymbols.find("napi_create_string_utf16"),
        FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG));
  }

  private static final class TypeOf {
    static final MethodHandle HANDLE = critical(NodeSymbols.find("napi_typeof"), NodeCalls.SIGNATURE);
  }

  private static final class GetUndefined {
    static final MethodHandle HANDLE = critical(NodeSymbols.find("napi_get_undefined"), NodeCalls.SIGNATURE);
  }

  private static final class GetReferenceValue {
    static final MethodHandle HANDLE = critical(NodeSymbols.find("napi_get_reference_value"), NodeCalls.SIGNATURE);
  }

  private static final class GetValueStringUtf16 {
    static final MethodHandle HANDLE = criticalHeap(NodeSymbols.find("napi_get_value_string_utf16"),
        FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG));
  }

  private Critical() {}

  /** {@code napi_get_undefined}. */
  public static int getUndefined(long env, long result) {
    try {
      return (int) GetUndefined.HANDLE.invokeExact(env, result, 0L, 0L, 0L, 0L);
    } catch (Throwable t) {
      throw new AssertionError("napi_get_undefined failed to run", t);
    }
  }

  /** {@code napi_get_reference_value}. */
  public static int getReferenceValue(long env, long ref, long result) {
    try {
      return (int) GetReferenceValue.HANDLE.invokeExact(env, ref, result, 0L, 0L, 0L);
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
  public static int getValueDouble(long env, long value, long result) {
    try {
      return (int) GetValueDouble.HANDLE.invokeExact(env, value, result, 0L, 0L, 0L);
    } catch (Throwable t) {
      throw new AssertionError("napi_get_value_double failed to run", t);
    }
  }

  /** {@code napi_create_double} (allocates in V8, which never calls back into JS or Java here). */
  public static int createDouble(long env, double value, long result) {
    try {
      return (int) CreateDouble.HANDLE.invokeExact(env, value, result);
    } catch (Throwable t) {
      throw new AssertionError("napi_create_double failed to run", t);
    }
  }

  /** {@code napi_create_int32} (may allocate in V8, like {@link #createDouble}). */
  public static int createInt32(long env, int value, long result) {
    try {
      return (int) CreateInt32.HANDLE.invokeExact(env, value, result);
    } catch (Throwable t) {
      throw new AssertionError("napi_create_int32 failed to run", t);
    }
  }

  /** {@code napi_get_boolean}. */
  public static int getBoolean(long env, boolean value, long result) {
    try {
      return (int) GetBoolean.HANDLE.invokeExact(env, value, result);
    } catch (Throwable t) {
      throw new AssertionError("napi_get_boolean failed to run", t);
    }
  }

  /**
   * {@code napi_create_string_utf16}; {@code text} may be a heap segment (V8 copies it and may
   * allocate, like {@link #createDouble}).
   */
  public static int createStringUtf16(long env, MemorySegment text, long length, long result) {
    try {
      return (int) CreateStringUtf16.HANDLE.invokeExact(env, text, length, result);
    } catch (Throwable t) {
      throw new AssertionError("napi_create_string_utf16 failed to run", t);
    }
  }

  /** {@code napi_typeof}. */
  public static int typeOf(long env, long value, long result) {
    try {
      return (int) TypeOf.HANDLE.invokeExact(env, value, result, 0L, 0L, 0L);
    } catch (Throwable t) {
      throw new AssertionError("napi_typeof failed to run", t);
    }
  }

  /** {@code napi_get_cb_info}: argc in/out, argv, this and data out. */
  public static int getCbInfo(long env, long info, long argc, long argv, long thisArg, long data) {
    try {
      return (int) GetCbInfo.HANDLE.invokeExact(env, info, argc, argv, thisArg, data);
    } catch (Throwable t) {
      throw new AssertionError("napi_get_cb_info failed to run", t);
    }
  }

  /**
   * {@code napi_get_value_string_utf16} into {@code buffer}, which may be a heap segment (V8
   * copies the code units; it may flatten the string, an allocation that calls no JS or Java).
   */
  public static int getValueStringUtf16(long env, long value, MemorySegment buffer, long capacity, long result) {
    try {
      return (int) GetValueStringUtf16.HANDLE.invokeExact(env, value, buffer, capacity, result);
    } catch (Throwable t) {
      throw new AssertionError("napi_get_value_string_utf16 failed to run", t);
    }
  }
}
