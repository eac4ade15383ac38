package dev.napijava.jmh;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.napijava.Env;
import dev.napijava.bindings.NodeApi;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsValue;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;

/**
 * The floor of any Node-API addon written with FFM: {@code noop}, {@code add}, {@code echo},
 * {@code callback} and {@code objectRead} as bare upcalls of their own, each making only the Node-API calls that its C twin in
 * {@code baseline.c} makes, by critical downcalls with pointers passed as {@code long}s, into
 * native scratch memory allocated once; no argument checks, no error handling beyond a status
 * check, no framework. The rows {@code impl=ffm} of {@link CallBenchmarks} measure them, so that
 * jmh/README.md can say how far napi-java's own path is above what FFM itself costs.
 *
 * <p>Not an example to follow: a JS exception or a wrong argument here is not turned into a JS
 * error. Threads: {@link #export} and the functions run on the JS thread that loaded the addon;
 * the scratch memory is that thread's (the benchmark addon is loaded by one thread only).
 */
final class FloorOperations {
  private static final Linker LINKER = Linker.nativeLinker();
  private static final Linker.Option CRITICAL = Linker.Option.critical(false);
  private static final MethodHandle GET_CB_INFO = LINKER.downcallHandle(NodeApi.napi_get_cb_info$address(),
      FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), CRITICAL);
  private static final MethodHandle GET_DOUBLE = LINKER.downcallHandle(NodeApi.napi_get_value_double$address(),
      FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG), CRITICAL);
  private static final MethodHandle CREATE_DOUBLE = LINKER.downcallHandle(NodeApi.napi_create_double$address(),
      FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_DOUBLE, JAVA_LONG), CRITICAL);
  private static final MethodHandle GET_UTF16 = LINKER.downcallHandle(NodeApi.napi_get_value_string_utf16$address(),
      FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG), Linker.Option.critical(true));
  private static final MethodHandle CREATE_UTF16 = LINKER.downcallHandle(NodeApi.napi_create_string_utf16$address(),
      FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG), Linker.Option.critical(true));
  private static final MethodHandle GET_UNDEFINED = LINKER.downcallHandle(NodeApi.napi_get_undefined$address(),
      FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG), CRITICAL);
  private static final MethodHandle TYPEOF = LINKER.downcallHandle(NodeApi.napi_typeof$address(),
      FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG), CRITICAL);
  // These two may run JS (the callee, a getter): ordinary downcalls.
  private static final MethodHandle CALL_FUNCTION = LINKER.downcallHandle(NodeApi.napi_call_function$address(),
      FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG));
  private static final MethodHandle GET_NAMED = LINKER.downcallHandle(NodeApi.napi_get_named_property$address(),
      FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG));
  private static final long[] NAMES = {
      Arena.global().allocateFrom("a").address(), Arena.global().allocateFrom("b").address(), Arena.global().allocateFrom("c").address()};
  /** [0] argc, [8] argv[0], [16] argv[1], [24] a result. */
  private static final MemorySegment SCRATCH = Arena.global().allocate(32, 8);
  private static final long SCRATCH_ADDRESS = SCRATCH.address();
  /** The code units of a string, grown as needed. */
  private static char[] chars = new char[4096];

  private FloorOperations() {}

  static void export(Env env, JsObject exports) throws ReflectiveOperationException {
    JsObject floor = env.object();
    for (String name : new String[] {"noop", "add", "echo", "callback", "objectRead"}) {
      MethodHandle target = MethodHandles.lookup().findStatic(FloorOperations.class, name,
          java.lang.invoke.MethodType.methodType(long.class, long.class, long.class));
      FunctionDescriptor descriptor = FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG);
      MemorySegment stub = LINKER.upcallStub(target, descriptor, Arena.global());
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment out = arena.allocate(ADDRESS);
        int status = NodeApi.napi_create_function(env.napiEnv(), arena.allocateFrom(name), -1, stub, MemorySegment.NULL, out);
        if (status != 0) throw new IllegalStateException("napi_create_function: status " + status);
        floor.set(name, JsValue.wrap(env, out.get(ADDRESS, 0)));
      }
    }
    exports.set("ffm", floor);
  }

  /** Reads up to two arguments into the scratch memory; returns argc. */
  private static long arguments(long env, long info) throws Throwable {
    SCRATCH.set(JAVA_LONG, 0, 2);
    check((int) GET_CB_INFO.invokeExact(env, info, SCRATCH_ADDRESS, SCRATCH_ADDRESS + 8, 0L, 0L));
    return SCRATCH.get(JAVA_LONG, 0);
  }

  private static void check(int status) {
    if (status != 0) throw new IllegalStateException("Node-API status " + status);
  }

  private static long noop(long env, long info) {
    return 0;
  }

  private static long add(long env, long info) {
    try {
      arguments(env, info);
      check((int) GET_DOUBLE.invokeExact(env, SCRATCH.get(JAVA_LONG, 8), SCRATCH_ADDRESS + 24));
      double a = SCRATCH.get(JAVA_DOUBLE, 24);
      check((int) GET_DOUBLE.invokeExact(env, SCRATCH.get(JAVA_LONG, 16), SCRATCH_ADDRESS + 24));
      double b = SCRATCH.get(JAVA_DOUBLE, 24);
      check((int) CREATE_DOUBLE.invokeExact(env, a + b, SCRATCH_ADDRESS + 24));
      return SCRATCH.get(JAVA_LONG, 24);
    } catch (Throwable t) {
      return 0;
    }
  }

  /**
   * The string into a Java {@code String} (as a Java function receives it) and back, V8 copying
   * straight from and into a Java {@code char[]} (heap access in critical downcalls).
   */
  private static long echo(long env, long info) {
    try {
      arguments(env, info);
      long value = SCRATCH.get(JAVA_LONG, 8);
      check((int) GET_UTF16.invokeExact(env, value, MemorySegment.ofArray(chars), (long) chars.length, SCRATCH_ADDRESS + 24));
      int length = (int) SCRATCH.get(JAVA_LONG, 24);
      if (length >= chars.length - 1) { // it may not have fitted: ask for the length, then read it all
        check((int) GET_UTF16.invokeExact(env, value, MemorySegment.NULL, 0L, SCRATCH_ADDRESS + 24));
        length = (int) SCRATCH.get(JAVA_LONG, 24);
        chars = new char[length + 1];
        check((int) GET_UTF16.invokeExact(env, value, MemorySegment.ofArray(chars), (long) chars.length, SCRATCH_ADDRESS + 24));
      }
      String text = new String(chars, 0, length);
      text.getChars(0, length, chars, 0);
      check((int) CREATE_UTF16.invokeExact(env, MemorySegment.ofArray(chars), (long) length, SCRATCH_ADDRESS + 24));
      return SCRATCH.get(JAVA_LONG, 24);
    } catch (Throwable t) {
      return 0;
    }
  }

  /** Calls its argument with {@code this} undefined and no arguments, as baseline.c does. */
  private static long callback(long env, long info) {
    try {
      arguments(env, info);
      check((int) TYPEOF.invokeExact(env, SCRATCH.get(JAVA_LONG, 8), SCRATCH_ADDRESS + 24));
      if (SCRATCH.get(JAVA_INT, 24) != 7) return 0; // napi_function
      check((int) GET_UNDEFINED.invokeExact(env, SCRATCH_ADDRESS + 24));
      long receiver = SCRATCH.get(JAVA_LONG, 24);
      check((int) CALL_FUNCTION.invokeExact(env, receiver, SCRATCH.get(JAVA_LONG, 8), 0L, 0L, SCRATCH_ADDRESS + 24));
      return SCRATCH.get(JAVA_LONG, 24);
    } catch (Throwable t) {
      return 0;
    }
  }

  /** {@code object.a + object.b + object.c}. */
  private static long objectRead(long env, long info) {
    try {
      arguments(env, info);
      long object = SCRATCH.get(JAVA_LONG, 8);
      check((int) TYPEOF.invokeExact(env, object, SCRATCH_ADDRESS + 24));
      if (SCRATCH.get(JAVA_INT, 24) != 6) return 0; // napi_object
      double sum = 0;
      for (long name : NAMES) {
        check((int) GET_NAMED.invokeExact(env, object, name, SCRATCH_ADDRESS + 24));
        check((int) GET_DOUBLE.invokeExact(env, SCRATCH.get(JAVA_LONG, 24), SCRATCH_ADDRESS + 24));
        sum += SCRATCH.get(JAVA_DOUBLE, 24);
      }
      check((int) CREATE_DOUBLE.invokeExact(env, sum, SCRATCH_ADDRESS + 24));
      return SCRATCH.get(JAVA_LONG, 24);
    } catch (Throwable t) {
      return 0;
    }
  }
}
