package dev.napijava.internal;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;

import dev.napijava.JsError;
import dev.napijava.JsException;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsString;
import dev.napijava.value.JsValue;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;

/**
 * The failure boundary between Java and JS: turns a Java {@link Throwable} into a pending JS
 * exception, never throwing itself.
 */
public final class Errors {
  private static final int MAX_CAUSES = 8;

  // Where a failure happened, for report() from an upcall's catch: fields, not literals, since
  // a string literal is made at its first use, and that allocation can fail (heap exhausted)
  // inside the very catch that must not throw.
  public static final String IN_ASYNC_WORK = place("an async task's work");
  public static final String IN_ENV_CLEANUP = place("the env cleanup hook");
  public static final String IN_QUEUED_CALL = place("a queued call on the JS thread");
  public static final String IN_DROPPED_CALL = place("dropping a queued call");
  public static final String IN_QUEUE_WAKE_UP = place("a threadsafe function's call on the JS thread");
  public static final String IN_QUEUE_FINALIZER = place("a threadsafe function's finalizer");
  public static final String IN_FUNCTION_FINALIZER = place("the finalizer of a Java function");
  public static final String IN_SCOPE_CLEANUP = place("closing the handle scopes left open by a Java function");
  public static final String IN_CALLBACK = place("a callback from Java");
  public static final String IN_INSTANCE_FINALIZER = place("the finalizer of a JS class instance");
  public static final String IN_HELD_FINALIZER = place("the finalizer of a Java object held by JS");

  private static String place(String where) {
    return where;
  }

  private Errors() {}

  /**
   * A message made before any failure, in native memory, for when even building a message
   * fails (the Java heap is exhausted, the stack overflowed): throwing it allocates nothing.
   */
  private static final long LAST_RESORT = Arena.global().allocateFrom(
      "napi-java: a Java exception (possibly OutOfMemoryError or StackOverflowError) could not be converted to a JS error").address();

  /**
   * Makes sure the failure boundary is ready before it is needed: initializing this class, or
   * linking {@code napi_throw_error}, at the first failure could itself fail (say, with the heap
   * exhausted), outside any catch. Called when an env starts.
   */
  static void preload() {
    try {
      MethodHandles.lookup().ensureInitialized(NodeCalls.class); // the calls below, linked
      // Not AsyncTask nor JsQueue: their stubs have signatures of their own, which cost start-up
      // tens of milliseconds; they warm them up themselves before they hand them to Node. Held's
      // stub has the shape of Functions' finalizer: nothing more to link.
      for (Class<?> owner : new Class<?>[] {Functions.class, ClassConstructor.class, WrappedInstance.class,
          Held.class}) {
        MethodHandles.lookup().ensureInitialized(owner);
      }
      Upcalls.warmUp();
    } catch (Throwable t) {
      throw new IllegalStateException("cannot prepare napi-java's upcalls", t);
    }
  }

  /** Makes {@code failure} the pending JS exception of {@code env}; never throws. */
  public static void throwToJs(NodeEnv env, Throwable failure) {
    MemorySegment napiEnv = env.raw();
    try {
      if (env.isClosed()) return;
      if (env.exceptionPending()) return; // a JS exception is already on its way
      env.check(NodeCalls.call(NodeCalls.THROW, napiEnv.address(), toJs(env, failure, 0).handle().address()));
    } catch (Throwable again) {
      throwLastResort(napiEnv, failure);
    }
  }

  /**
   * Throws a plain JS error that names {@code failure}'s class, or the preallocated message
   * when even that cannot be made. Never throws; allocates as little as it can.
   */
  private static void throwLastResort(MemorySegment napiEnv, Throwable failure) {
    try {
      throwPlain(napiEnv, "napi-java: " + failure.getClass().getName()
          + " (converting it to a JS error failed as well)");
    } catch (Throwable again) {
      try {
        NodeCalls.call(NodeCalls.THROW_ERROR, napiEnv.address(), 0, LAST_RESORT);
      } catch (Throwable ignored) {
        // nothing more can be done without JS
      }
    }
  }

  /**
   * After a failed call: closes the handle scopes the call left open above {@code mark} (see
   * {@link NodeEnv#closeScopesAbove}); never throws (nor allocates, when nothing was left open).
   */
  static void closeScopesAbove(NodeEnv env, Scope mark, String function) {
    try {
      if (env.innermostScope != mark && !env.isClosed()) env.closeScopesAbove(mark, null, function + "()");
    } catch (Throwable t) {
      report(IN_SCOPE_CLEANUP, t);
    }
  }

  /** An upcall arrived on a thread that has no env: say so in JS, return undefined. */
  static MemorySegment throwUnbound(MemorySegment napiEnv) {
    throwPlain(napiEnv, "napi-java: a Java function was called on a JS thread that napi-java was not loaded on");
    return MemorySegment.NULL;
  }

  private static void throwPlain(MemorySegment napiEnv, String message) {
    try (Arena arena = Arena.ofConfined()) {
      NodeCalls.call(NodeCalls.THROW_ERROR, napiEnv.address(), 0, arena.allocateFrom(message).address());
    }
  }

  /**
   * Raises {@code failure} as an uncaught exception in Node ({@code process.on('uncaughtException')}),
   * for failures of JS callbacks that no Java caller waits for; never throws.
   */
  public static void raiseUncaught(NodeEnv env, Throwable failure) {
    try {
      if (env.isClosed()) return;
      MemorySegment error = toJs(env, failure, 0).handle();
      napi_fatal_exception(env.napi(), error);
    } catch (Throwable again) {
      report(IN_CALLBACK, failure);
    }
  }

  /** Reports a failure where no JS can run (finalizers, cleanup hooks) on stderr; never throws. */
  public static void report(String where, Throwable failure) {
    try {
      System.err.println("napi-java: uncaught exception in " + where + ":");
      failure.printStackTrace();
    } catch (Throwable ignored) {
      // stderr is gone, or the heap
    }
  }

  /** The JS error for a Java throwable: {@link JsException} gives back its own value. */
  public static JsValue toJs(NodeEnv env, Throwable failure, int depth) {
    if (failure instanceof JsException js && js.env() == env && js.hasValue()) return js.value();
    MemorySegment napiEnv = env.napi();
    MemorySegment out = env.out();
    JsError.Kind kind = failure instanceof JsError e ? e.kind() : JsError.Kind.ERROR;
    String code = failure instanceof JsError e ? e.code() : null;
    // The message is the Java message alone (the class is in javaClass); one with no message
    // gets its class name, so that JS never sees an empty error.
    String message = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getName();
    MemorySegment codeHandle = code == null ? MemorySegment.NULL : JsString.of(env, code).handle();
    MemorySegment messageHandle = JsString.of(env, message).handle();
    env.check(switch (kind) {
      case ERROR -> napi_create_error(napiEnv, codeHandle, messageHandle, out);
      case TYPE_ERROR -> napi_create_type_error(napiEnv, codeHandle, messageHandle, out);
      case RANGE_ERROR -> napi_create_range_error(napiEnv, codeHandle, messageHandle, out);
    });
    JsObject error = (JsObject) JsValue.wrap(env, out.get(ADDRESS, 0));
    if (failure.getClass() != JsError.class) {
      error.set("javaClass", failure.getClass().getName());
      error.set("javaStackTrace", stackTrace(failure));
    }
    Throwable cause = failure.getCause();
    if (cause != null && depth < MAX_CAUSES) error.set("cause", toJs(env, cause, depth + 1));
    return error;
  }

  private static String stackTrace(Throwable failure) {
    StringWriter text = new StringWriter();
    failure.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
