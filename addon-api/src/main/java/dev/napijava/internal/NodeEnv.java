package dev.napijava.internal;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.napijava.EscapableHandleScope;
import dev.napijava.Env;
import dev.napijava.HandleScope;
import dev.napijava.JsCallback;
import dev.napijava.JsException;
import dev.napijava.JsRef;
import dev.napijava.NapiException;
import dev.napijava.Status;
import dev.napijava.value.JsArray;
import dev.napijava.value.JsBoolean;
import dev.napijava.value.JsFunction;
import dev.napijava.value.JsNull;
import dev.napijava.value.JsNumber;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsString;
import dev.napijava.value.JsUndefined;
import dev.napijava.value.JsValue;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The state of one env: its {@code napi_env}, its JS thread, and scratch memory that only that
 * thread touches. Every Node-API call goes through {@link #napi()} (thread and liveness check)
 * and {@link #check(int)} (status check).
 */
public final class NodeEnv implements Env {
  private static final long TEXT_MIN = 4096;
  /** The scratch buffer grows to this size; larger requests get a temporary buffer. */
  private static final long TEXT_KEEP = 1 << 20;
  private static final Object REQUIRE = new Object();

  private final MemorySegment napiEnv;
  private final Thread thread;
  private final Arena arena = Arena.ofConfined();
  private final MemorySegment out = arena.allocate(64, 8);
  private MemorySegment argv = arena.allocate(ADDRESS, 8);
  private MemorySegment callArgs = arena.allocate(ADDRESS, 8);
  private Arena textArena = Arena.ofConfined();
  private MemorySegment text = textArena.allocate(TEXT_MIN, 8);
  private Arena spillArena; // a buffer above TEXT_KEEP, freed at the next request
  private char[] chars = new char[(int) TEXT_MIN / 2];
  private final List<Runnable> cleanups = new ArrayList<>();
  private final List<Runnable> afterClose = new ArrayList<>();
  private final Map<Object, Object> locals = new LinkedHashMap<>();
  private volatile boolean closed;
  /** The Java-to-JS conversion under way, for containers reached twice (see {@link Conversions}). */
  Conversions.Conversion conversion;
  /** The innermost handle scope opened through the API and not closed yet (see {@link Scope}). */
  Scope innermostScope;
  /** The reusable calls of Java functions, one per nesting depth ({@link #enterCall}). */
  private Call[] calls = new Call[4];
  /** How many calls of Java functions are under way on the JS thread (nested through JS). */
  int callDepth;

  NodeEnv(MemorySegment napiEnv, Thread thread) {
    this.napiEnv = napiEnv;
    this.thread = thread;
  }

  /**
   * Whether this env is the live env of the calling thread with the {@code napi_env}
   * {@code napiEnvAddress}: a check cheaper than the thread-local of {@link Envs#current()}.
   */
  boolean isCurrent(long napiEnvAddress) {
    return napiEnv.address() == napiEnvAddress && thread == Thread.currentThread() && !closed;
  }

  /**
   * The reusable call for the next nesting depth; the caller restores {@link #callDepth} when
   * its call returns. A Java function that calls JS that calls another Java function gets a
   * call object of its own at each depth. Thread: the JS thread.
   */
  Call enterCall() {
    int depth = callDepth;
    if (depth == calls.length) calls = java.util.Arrays.copyOf(calls, depth * 2);
    Call call = calls[depth];
    if (call == null) calls[depth] = call = new Call(this);
    callDepth = depth + 1;
    return call;
  }

  /** A new {@code napi_ref} to {@code value}, strong with {@code count} 1, weak with 0. Thread: the JS thread. */
  public MemorySegment newReference(MemorySegment value, int count) {
    check(NodeCalls.call(NodeCalls.CREATE_REFERENCE, napi().address(), value.address(), count, out.address()));
    return out.get(ADDRESS, 0);
  }

  /** The {@code napi_env}, after checking the thread and that the env is alive. */
  public MemorySegment napi() {
    if (Thread.currentThread() != thread) throw wrongThread();
    if (closed) throw new NapiException(Status.CLOSING, "the env is torn down (worker terminated or process exiting)");
    return napiEnv;
  }

  @Override
  public MemorySegment napiEnv() {
    return napi();
  }

  /** The {@code napi_env} without checks, for upcalls that already run on the JS thread. */
  MemorySegment raw() {
    return napiEnv;
  }

  private WrongThreadException wrongThread() {
    return new WrongThreadException("a JS value or env of JS thread '" + thread.getName()
        + "' was used on thread '" + Thread.currentThread().getName()
        + "'; use a ThreadsafeFunction or Channel to reach JS from other threads");
  }

  @Override
  public void checkThread() {
    if (Thread.currentThread() != thread) throw wrongThread();
  }

  @Override
  public boolean isJsThread() {
    return Thread.currentThread() == thread;
  }

  /**
   * Whether a JS exception is pending ({@code napi_is_exception_pending}); false when the call
   * itself fails, or the env is closed (its scratch memory is freed: Node must not write there).
   * Allocates nothing (the failure boundary uses it). Thread: the JS thread.
   */
  boolean exceptionPending() {
    if (closed) return false;
    return NodeCalls.call(NodeCalls.IS_EXCEPTION_PENDING, napiEnv.address(), out.address()) == 0 && out.get(JAVA_BOOLEAN, 0);
  }

  /**
   * Whether JS can no longer run on this env (closed, or being torn down: Node refuses calls
   * into JS, which otherwise look like a pending exception). For a delivery that failed, to
   * tell a teardown from a failure of the call itself. Thread: the JS thread.
   */
  public boolean cannotRunJs() {
    if (isClosed()) return true;
    try {
      if (exceptionPending()) return false;
      MemorySegment undefined = undefinedHandle();
      // napi_strict_equals checks, as every call that may run JS does, that JS can run.
      return napi_strict_equals(napiEnv, undefined, undefined, out) == napi_pending_exception();
    } catch (RuntimeException e) {
      return true;
    }
  }

  /**
   * Whether the JS thread is blocked inside Java without a time limit (waiting on a monitor, a
   * join, a future): while it is, it runs no JS and takes no queued call. Thread: any.
   */
  boolean isJsThreadBlocked() {
    Thread.State state = thread.getState();
    return state == Thread.State.WAITING || state == Thread.State.BLOCKED;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  /** Scratch memory for the out-parameters of one Node-API call; read right after the call. */
  public MemorySegment out() {
    return out;
  }

  /**
   * A scratch buffer of at least {@code bytes} bytes (strings, BigInt words), valid until the
   * next call. The kept buffer grows up to {@value #TEXT_KEEP} bytes; a larger request gets a
   * temporary buffer that the next call frees, so that one huge string does not keep its
   * memory for the life of the env.
   */
  public MemorySegment text(long bytes) {
    if (spillArena != null) {
      spillArena.close();
      spillArena = null;
    }
    if (bytes <= text.byteSize()) return text;
    if (bytes > TEXT_KEEP) {
      spillArena = Arena.ofConfined();
      return spillArena.allocate(bytes, 8);
    }
    textArena.close();
    textArena = Arena.ofConfined();
    text = textArena.allocate(Math.min(TEXT_KEEP, Math.max(bytes, text.byteSize() * 2)), 8);
    return text;
  }

  /**
   * Whether {@link #chars} keeps an array of {@code length} chars for the next calls (up to
   * {@value #TEXT_KEEP} bytes, as {@link #text}).
   */
  boolean keepsChars(long length) {
    return length * 2 <= TEXT_KEEP;
  }

  /**
   * A scratch array of at least {@code length} chars (strings to and from V8), valid until the
   * next call; kept for the next calls if {@link #keepsChars} says so.
   */
  public char[] chars(int length) {
    if (length <= chars.length) return chars;
    if (!keepsChars(length)) return new char[length];
    // Doubling, but never past the limit: a size just under it is kept too.
    char[] bigger = new char[(int) Math.max(length, Math.min(chars.length * 2L, TEXT_KEEP / 2))];
    chars = bigger;
    return bigger;
  }

  /** {@code value} as a NUL-terminated UTF-8 string in scratch memory. */
  public MemorySegment utf8(String value) {
    int length = value.length();
    if (length < TEXT_MIN && isAscii(value)) { // property names: no byte[] in between
      MemorySegment buffer = text(length + 1L);
      for (int i = 0; i < length; i++) buffer.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, (byte) value.charAt(i));
      buffer.set(java.lang.foreign.ValueLayout.JAVA_BYTE, length, (byte) 0);
      return buffer;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    MemorySegment buffer = text(bytes.length + 1L);
    MemorySegment.copy(bytes, 0, buffer, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, bytes.length);
    buffer.set(java.lang.foreign.ValueLayout.JAVA_BYTE, bytes.length, (byte) 0);
    return buffer;
  }

  private static boolean isAscii(String value) {
    for (int i = 0, n = value.length(); i < n; i++) if (value.charAt(i) >= 0x80) return false;
    return true;
  }

  /** {@code args} converted to JS and laid out as a {@code napi_value[]} in scratch memory. */
  public MemorySegment argv(Object[] args) {
    MemorySegment[] handles = new MemorySegment[args.length];
    for (int i = 0; i < args.length; i++) handles[i] = toJs(args[i]).handle();
    if (argv.byteSize() < ADDRESS.byteSize() * args.length) {
      argv = arena.allocate(ADDRESS, Math.max(args.length, argv.byteSize() / ADDRESS.byteSize() * 2));
    }
    for (int i = 0; i < handles.length; i++) argv.setAtIndex(ADDRESS, i, handles[i]);
    return argv;
  }

  /** Scratch room for the {@code napi_value}s of {@code count} incoming call arguments. */
  MemorySegment callArgs(int count) {
    if (callArgs.byteSize() < ADDRESS.byteSize() * count) callArgs = arena.allocate(ADDRESS, count);
    return callArgs;
  }

  /** The handle of {@code undefined}. */
  public MemorySegment undefinedHandle() {
    check(Critical.getUndefined(napi().address(), out.address()));
    return out.get(ADDRESS, 0);
  }

  /** Throws the right Java exception unless {@code status} is {@code napi_ok}. */
  public void check(int status) {
    if (status != 0) throw failure(status);
  }

  private RuntimeException failure(int status) {
    String message = lastErrorMessage();
    if (exceptionPending() && napi_get_and_clear_last_exception(napiEnv, out) == 0) {
      return new JsException(JsValue.wrap(this, out.get(ADDRESS, 0)));
    }
    return new NapiException(Status.of(status), message);
  }

  private String lastErrorMessage() {
    if (napi_get_last_error_info(napiEnv, out) != 0) return "unknown error";
    MemorySegment info = out.get(ADDRESS, 0).reinterpret(24);
    MemorySegment text = info.get(ADDRESS, 0);
    return text.equals(MemorySegment.NULL) ? "no message" : text.reinterpret(Integer.MAX_VALUE).getString(0);
  }

  /**
   * The value of this env for {@code key}, made by {@code init} at the first call. Values that
   * are {@link AutoCloseable} are closed when the env is torn down, newest first.
   * Thread: the JS thread.
   */
  @SuppressWarnings("unchecked")
  public <T> T local(Object key, Function<NodeEnv, T> init) {
    napi();
    Object value = locals.get(key);
    if (value == null && !locals.containsKey(key)) {
      value = init.apply(this);
      if (locals.putIfAbsent(key, value) != null) throw new IllegalStateException("recursive initialization of " + key);
      if (value instanceof AutoCloseable closeable) cleanups.add(() -> {
        try {
          closeable.close();
        } catch (Exception e) {
          Errors.report("closing the env value " + key, e);
        }
      });
    }
    return (T) value;
  }

  /**
   * Runs {@code action} at env teardown once the env refuses calls ({@link #isClosed}, and so
   * not {@link #isJsThread}): for work that completes Java futures, whose dependents must then
   * not make JS values. Thread: the JS thread.
   */
  void afterClose(Runnable action) {
    afterClose.add(action);
  }

  /** Env teardown: runs the cleanup actions, then refuses all further calls, then runs the after-close actions. */
  void close() {
    for (int i = cleanups.size() - 1; i >= 0; i--) {
      try {
        cleanups.get(i).run();
      } catch (RuntimeException e) {
        Errors.report("an env cleanup action", e);
      }
    }
    cleanups.clear();
    locals.clear();
    closed = true;
    textArena.close();
    if (spillArena != null) spillArena.close();
    arena.close();
    for (Runnable action : afterClose) {
      try {
        action.run();
      } catch (RuntimeException e) {
        Errors.report("an env after-close action", e);
      }
    }
    afterClose.clear();
  }

  /**
   * Closes the handle scopes that Java code opened after {@code mark} and left open (a Java
   * function or callback returning without closing them), innermost first, and says so on
   * stderr. {@code result}, the value the code returned, is carried out of those scopes: an
   * object or symbol through a reference, a primitive as its Java copy. Thread: the JS thread.
   */
  Object closeScopesAbove(Scope mark, Object result, String where) {
    int count = 0;
    for (Scope scope = innermostScope; scope != null && scope != mark; scope = scope.outer) count++;
    System.err.println("napi-java: " + where + " returned with " + count
        + " handle scope(s) still open; napi-java closed them (use try-with-resources)");
    MemorySegment ref = MemorySegment.NULL;
    if (result instanceof JsObject || result instanceof dev.napijava.value.JsSymbol) {
      ref = newReference(((JsValue) result).handle(), 1);
    } else if (result instanceof JsValue primitive) {
      result = primitive.toJava();
    }
    while (innermostScope != null && innermostScope != mark) innermostScope.close();
    if (!ref.equals(MemorySegment.NULL)) {
      check(napi_get_reference_value(napi(), ref, out));
      result = JsValue.wrap(this, out.get(ADDRESS, 0));
      check(napi_delete_reference(napi(), ref));
    }
    return result;
  }

  @Override
  public JsUndefined undefined() {
    return JsUndefined.of(this);
  }

  @Override
  public JsNull nullValue() {
    return JsNull.of(this);
  }

  @Override
  public JsBoolean bool(boolean value) {
    return JsBoolean.of(this, value);
  }

  @Override
  public JsNumber number(double value) {
    return JsNumber.of(this, value);
  }

  @Override
  public JsString string(String value) {
    return JsString.of(this, value);
  }

  @Override
  public JsObject object() {
    return JsObject.create(this);
  }

  @Override
  public JsArray array() {
    return JsArray.create(this);
  }

  @Override
  public JsFunction function(String name, JsCallback body, String... params) {
    return JsFunction.of(this, name, body, params);
  }

  @Override
  public JsObject global() {
    check(napi_get_global(napi(), out));
    return (JsObject) JsValue.wrap(this, out.get(ADDRESS, 0));
  }

  @Override
  public JsValue toJs(Object value) {
    return Conversions.toJs(this, value);
  }

  @Override
  public JsValue require(String id) {
    napi();
    if (!(locals.get(REQUIRE) instanceof OwnedRef<?> require)) {
      throw new IllegalStateException("require() is not available: napi-java was not loaded through its loader");
    }
    return ((JsFunction) require.get()).call(id);
  }

  /**
   * Keeps the loader's {@code require} for {@link #require}, for the env's life (a {@link JsRef}
   * would make the env's channel at start-up, for a release that never comes). Thread: the JS
   * thread.
   */
  void setRequire(JsFunction require) {
    local(REQUIRE, env -> new OwnedRef<>(require));
  }

  @Override
  public JsValue runScript(String source) {
    MemorySegment script = JsString.of(this, source).handle();
    check(napi_run_script(napi(), script, out));
    return JsValue.wrap(this, out.get(ADDRESS, 0));
  }

  @Override
  public HandleScope openScope() {
    return new Scope(this, false);
  }

  @Override
  public EscapableHandleScope openEscapableScope() {
    return new Scope(this, true);
  }

  /** The {@code typeof} code of a handle (napi_valuetype). */
  public int typeOf(MemorySegment handle) {
    check(Critical.typeOf(napi().address(), handle.address(), out.address()));
    return out.get(JAVA_INT, 0);
  }

  @Override
  public String toString() {
    return "Env[" + thread.getName() + (closed ? ", closed]" : "]");
  }
}
