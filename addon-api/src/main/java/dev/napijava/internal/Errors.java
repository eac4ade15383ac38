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

/**
 * The failure boundary between Java and JS: turns a Java {@link Throwable} into a pending JS
 * exception, never throwing itself.
 */
public final class Errors {
  private static final int MAX_CAUSES = 8;

  private Errors() {}

  /** Makes {@code failure} the pending JS exception of {@code env}; never throws. */
  public static void throwToJs(NodeEnv env, Throwable failure) {
    MemorySegment napiEnv = env.raw();
    try {
      if (env.isClosed()) return;
      MemorySegment out = env.out();
      if (napi_is_exception_pending(napiEnv, out) == 0 && out.get(java.lang.foreign.ValueLayout.JAVA_BOOLEAN, 0)) {
        return; // a JS exception is already on its way
      }
      env.check(napi_throw(napiEnv, toJs(env, failure, 0).handle()));
    } catch (Throwable again) {
      throwPlain(napiEnv, "napi-java: " + failure + " (and converting it to a JS error failed: " + again + ")");
    }
  }

  /** An upcall arrived on a thread that has no env: say so in JS, return undefined. */
  static MemorySegment throwUnbound(MemorySegment napiEnv) {
    throwPlain(napiEnv, "napi-java: a Java function was called on a JS thread that napi-java was not loaded on");
    return MemorySegment.NULL;
  }

  private static void throwPlain(MemorySegment napiEnv, String message) {
    try (Arena arena = Arena.ofConfined()) {
      napi_throw_error(napiEnv, MemorySegment.NULL, arena.allocateFrom(message));
    } catch (Throwable ignored) {
      // nothing more can be done without JS
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
      report("a callback from Java", failure);
    }
  }

  /** Reports a failure where no JS can run (finalizers, cleanup hooks) on stderr. */
  public static void report(String where, Throwable failure) {
    try {
      System.err.println("napi-java: uncaught exception in " + where + ":");
      failure.printStackTrace();
    } catch (Throwable ignored) {
      // stderr is gone
    }
  }

  /** The JS error for a Java throwable: {@link JsException} gives back its own value. */
  public static JsValue toJs(NodeEnv env, Throwable failure, int depth) {
    if (failure instanceof JsException js && js.hasValue() && js.value().env() == env) return js.value();
    MemorySegment napiEnv = env.napi();
    MemorySegment out = env.out();
    JsError.Kind kind = failure instanceof JsError e ? e.kind() : JsError.Kind.ERROR;
    String code = failure instanceof JsError e ? e.code() : null;
    String message = failure instanceof JsError || failure instanceof JsException
        ? String.valueOf(failure.getMessage())
        : failure.getMessage() == null ? failure.getClass().getName() : failure.getClass().getName() + ": " + failure.getMessage();
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
