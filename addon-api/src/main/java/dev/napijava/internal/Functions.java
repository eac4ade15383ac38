package dev.napijava.internal;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.napijava.JsCallback;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.util.Arrays;

/**
 * JS functions whose body is Java. All share one upcall stub (the dispatcher); the function's
 * {@code data} pointer is its index in a process-wide table, freed by a finalizer when V8
 * collects the function. Each function is charged to V8 as external memory while it lives, and
 * its env hears of Java heap pressure ({@link JavaHeapPressure}), so that V8 collects functions
 * whose Java bodies fill the Java heap.
 *
 * <p>Node runs the finalizers of collected functions only between tasks, so a JS loop may drop
 * more Java memory than the Java heap holds before they run. The weak {@code napi_ref} that
 * {@code napi_add_finalizer} returns reads empty from the collection on, before the finalizer
 * runs: {@link #dropCollected} finds the functions that a V8 collection just took that way and
 * lets go of their bodies at once, on the JS thread. Their table slots (and references, which
 * only their finalizers may delete) stay until their finalizers run, so that a finalizer never
 * frees a slot that a newer function took.
 */
public final class Functions {
  /** One Java function: its env, name, parameter names and body. */
  record Entry(NodeEnv env, String name, String[] params, JsCallback body) {}

  private static final MemorySegment DISPATCH = Upcalls.stub(MethodHandles.lookup(), "dispatch",
      FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG));
  private static final MemorySegment RELEASE = Upcalls.stub(MethodHandles.lookup(), "release",
      FunctionDescriptor.ofVoid(JAVA_LONG, JAVA_LONG, JAVA_LONG));
  private static final int ARGS_INLINE = 8;

  private static volatile Entry[] table = new Entry[64];
  /** The weak {@code napi_ref} of each Java function made by {@link #create} (its finalizer's), by id; 0 for none (class members). */
  private static long[] refs = new long[64];
  private static int[] free = new int[0];
  private static int freeCount;
  private static int next = 1; // 0 is never used, so a null data pointer is invalid
  /** The env of the last upcall (any thread): checked with {@link NodeEnv#isCurrent} before use. */
  private static NodeEnv lastEnv;

  private Functions() {}

  /** Creates the JS function and returns its handle. */
  public static MemorySegment create(NodeEnv env, String name, JsCallback body, String... params) {
    JavaHeapPressure.watch(env);
    int id = register(new Entry(env, name, params.clone(), body));
    MemorySegment napiEnv = env.napi();
    MemorySegment out = env.out();
    try {
      env.check(NodeCalls.call(NodeCalls.CREATE_FUNCTION, napiEnv.address(), env.utf8(name).address(), NodeCalls.AUTO_LENGTH,
          DISPATCH.address(), id, out.address()));
      MemorySegment function = out.get(ADDRESS, 0);
      env.check(NodeCalls.call(NodeCalls.ADD_FINALIZER, napiEnv.address(), function.address(), id, RELEASE.address(), 0,
          out.address()));
      setRef(id, out.get(JAVA_LONG, 0));
      JavaHeapPressure.made(env);
      return function;
    } catch (RuntimeException e) {
      unregister(id);
      throw e;
    }
  }

  /** Registers a body for {@link #dispatcher()}; returns its id, the data pointer of the JS function. */
  static synchronized int register(Entry entry) {
    int id;
    if (freeCount > 0) {
      id = free[--freeCount];
    } else {
      id = next++;
      if (id >= table.length) table = Arrays.copyOf(table, table.length * 2);
    }
    Entry[] current = table;
    current[id] = entry;
    table = current; // publish
    return id;
  }

  private static synchronized void setRef(int id, long ref) {
    if (id >= refs.length) refs = Arrays.copyOf(refs, Math.max(table.length, id + 1));
    refs[id] = ref;
  }

  /** The weak reference of {@code id}, now cleared from the table (0 for none). */
  private static synchronized long takeRef(int id) {
    if (id <= 0 || id >= refs.length) return 0;
    long ref = refs[id];
    refs[id] = 0;
    return ref;
  }

  /**
   * Lets go of the bodies of the Java functions of {@code env} that V8 has collected and whose
   * finalizers have not run yet: their weak references read empty. Called right after a V8
   * collection that {@link JavaHeapPressure} asked for; it reads every weak reference of the
   * env, which is why it runs only then. Thread: the JS thread of {@code env}.
   */
  static void dropCollected(NodeEnv env) {
    if (env.isClosed()) return;
    long napiEnv = env.raw().address();
    MemorySegment out = env.out();
    // A scope of its own: each live function read leaves a handle, and the env may have many.
    if (napi_open_handle_scope(env.raw(), out) != 0) return;
    MemorySegment scope = out.get(ADDRESS, 0);
    try {
      dropCollected(env, napiEnv, out);
    } finally {
      napi_close_handle_scope(env.raw(), scope);
    }
  }

  private static void dropCollected(NodeEnv env, long napiEnv, MemorySegment out) {
    Entry[] current = table;
    for (int id = 1; id < current.length; id++) {
      Entry entry = current[id];
      if (entry == null || entry.env() != env || entry.body() == DROPPED) continue;
      long ref;
      synchronized (Functions.class) {
        ref = id < refs.length ? refs[id] : 0;
      }
      if (ref == 0) continue;
      out.set(JAVA_LONG, 0, 0);
      if (Critical.getReferenceValue(napiEnv, ref, out.address()) != 0 || out.get(JAVA_LONG, 0) != 0) continue;
      synchronized (Functions.class) {
        if (table[id] == entry) table[id] = new Entry(env, entry.name(), entry.params(), DROPPED);
      }
    }
  }

  /** The body left in the slot of a function that V8 collected, until its finalizer runs; never called. */
  private static final JsCallback DROPPED = call -> null;

  /** Frees the id of a body registered with {@link #register}. */
  static synchronized void unregister(int id) {
    Entry[] current = table;
    if (id <= 0 || id >= current.length || current[id] == null) return;
    current[id] = null;
    if (id < refs.length) refs[id] = 0;
    table = current;
    if (freeCount == free.length) free = Arrays.copyOf(free, Math.max(16, free.length * 2));
    free[freeCount++] = id;
  }

  /** The shared {@code napi_callback} whose data pointer is an id from {@link #register} (for class members). */
  static MemorySegment dispatcher() {
    return DISPATCH;
  }

  /** napi_finalize of a Java function: frees its table slot and its charge in V8. */
  private static void release(long napiEnv, long data, long hint) {
    if (data == 0) return; // see Upcalls.stub
    try {
      // The finalizer's own reference, deleted here as napi_add_finalizer asks (at env teardown too).
      long ref = takeRef((int) data);
      if (ref != 0) napi_delete_reference(MemorySegment.ofAddress(napiEnv), MemorySegment.ofAddress(ref));
      unregister((int) data);
      NodeEnv env = Envs.current();
      if (env != null && !env.isClosed()) JavaHeapPressure.freed(env);
    } catch (Throwable t) {
      Errors.report(Errors.IN_FUNCTION_FINALIZER, t);
    }
  }

  /** The {@code this}, data pointer and arguments of one call ({@code napi_get_cb_info}). */
  record Frame(MemorySegment thisArg, long data, MemorySegment[] args) {}

  /** Reads the frame of the call {@code info} (class constructors). Thread: the JS thread of {@code env}. */
  static Frame frame(NodeEnv env, MemorySegment napiEnv, MemorySegment info) {
    int argc = cbInfo(env, napiEnv.address(), info.address());
    MemorySegment slots = env.out();
    MemorySegment argv = env.callArgs(argc);
    MemorySegment[] args = new MemorySegment[argc];
    for (int i = 0; i < argc; i++) args[i] = argv.getAtIndex(ADDRESS, i);
    return new Frame(slots.get(ADDRESS, 8), slots.get(JAVA_LONG, 16), args);
  }

  /**
   * Calls napi_get_cb_info for {@code info}: returns argc; leaves the arguments in
   * {@link NodeEnv#callArgs}, {@code this} at offset 8 and the data pointer at offset 16 of
   * {@link NodeEnv#out}, until the next Node-API call. Thread: the JS thread of {@code env}.
   */
  private static int cbInfo(NodeEnv env, long napiEnv, long info) {
    MemorySegment slots = env.out(); // [0] argc, [8] this, [16] data
    MemorySegment argv = env.callArgs(ARGS_INLINE);
    slots.set(JAVA_LONG, 0, ARGS_INLINE);
    env.check(Critical.getCbInfo(napiEnv, info, slots.address(), argv.address(), slots.address() + 8, slots.address() + 16));
    int argc = (int) slots.get(JAVA_LONG, 0);
    if (argc > ARGS_INLINE) {
      argv = env.callArgs(argc);
      slots.set(JAVA_LONG, 0, argc);
      env.check(Critical.getCbInfo(napiEnv, info, slots.address(), argv.address(), 0, 0));
    }
    return argc;
  }

  /**
   * The env of an upcall from {@code napiEnvAddress}: the env of the last upcall if it is this
   * thread's live env for that {@code napi_env} (no thread-local lookup), else
   * {@link Envs#current()}; null on a thread without an env.
   */
  private static NodeEnv envOf(long napiEnvAddress) {
    NodeEnv env = lastEnv;
    if (env != null && env.isCurrent(napiEnvAddress)) return env;
    env = Envs.current();
    if (env != null) lastEnv = env;
    return env;
  }

  /**
   * The handle of a Java function's {@code result}: numbers, booleans and strings without a
   * {@code JsValue} wrapper, JS values of this env as they are, anything else through
   * {@link NodeEnv#toJs}. 0 for null (undefined).
   */
  private static long resultHandle(NodeEnv env, long napiEnv, Object result) {
    if (result == null) return 0;
    MemorySegment out = env.out();
    if (result instanceof Double number) {
      env.check(Critical.createDouble(napiEnv, number, out.address()));
    } else if (result instanceof Integer number) {
      env.check(Critical.createInt32(napiEnv, number, out.address()));
    } else if (result instanceof Boolean bool) {
      env.check(Critical.getBoolean(napiEnv, bool, out.address()));
    } else if (result instanceof String text) {
      return Strings.create(env, text);
    } else if (result instanceof dev.napijava.value.JsValue value && value.env() == env) {
      return value.handle().address();
    } else {
      return env.toJs(result).handle().address();
    }
    return out.get(JAVA_LONG, 0);
  }

  /** napi_callback of every Java function. */
  private static long dispatch(long napiEnvAddress, long infoAddress) {
    NodeEnv env = null;
    Scope scopes = null;
    Call call = null;
    int depth = -1; // the nesting depth of calls to restore, once known
    String name = "a Java function";
    if (napiEnvAddress == 0) return 0; // see Upcalls.stub
    try {
      env = envOf(napiEnvAddress);
      if (env == null) return Errors.throwUnbound(MemorySegment.ofAddress(napiEnvAddress)).address();
      scopes = env.innermostScope;
      depth = env.callDepth;
      int argc = cbInfo(env, napiEnvAddress, infoAddress);
      MemorySegment slots = env.out();
      Entry entry = table[(int) slots.get(JAVA_LONG, 16)];
      name = entry.name();
      call = env.enterCall();
      long[] args = call.start(name, entry.params(), slots.get(JAVA_LONG, 8), argc);
      MemorySegment argv = env.callArgs(argc);
      for (int i = 0; i < argc; i++) args[i] = argv.getAtIndex(JAVA_LONG, i);
      Object result = entry.body().call(call);
      env.callDepth = depth;
      call.argc = -1; // ended (plain field writes: see the catch block)
      if (env.innermostScope != scopes) result = env.closeScopesAbove(scopes, result, name + "()");
      return resultHandle(env, napiEnvAddress, result);
    } catch (Throwable t) {
      try {
        if (env == null) {
          Errors.throwUnbound(MemorySegment.ofAddress(napiEnvAddress));
        } else {
          // Field writes first: they need no stack (this may be a StackOverflowError).
          if (depth >= 0) env.callDepth = depth;
          if (call != null) call.argc = -1;
          Errors.closeScopesAbove(env, scopes, name);
          Errors.throwToJs(env, t);
        }
      } catch (Throwable again) {
        // the failure boundary itself failed (Errors preloads so that this cannot happen)
      }
      return 0;
    }
  }
}
