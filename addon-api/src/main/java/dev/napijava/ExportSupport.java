package dev.napijava;

import dev.napijava.value.JsArray;
import dev.napijava.value.JsBigInt;
import dev.napijava.value.JsBoolean;
import dev.napijava.value.JsFunction;
import dev.napijava.value.JsNull;
import dev.napijava.value.JsNumber;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsString;
import dev.napijava.value.JsUndefined;
import dev.napijava.value.JsValue;
import java.math.BigInteger;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Checks and conversions that the code generated for {@link JsExport} calls, for values below
 * the top level of a call (optional arguments, array elements, record fields, callback
 * results). Errors read as those of {@link CallInfo}'s getters: {@code where} names the place
 * ({@code "f(): argument 'p' (#1) property 'age'"}), followed by the expected and actual type.
 * Not meant to be called by hand.
 *
 * <p>Thread: the JS thread of the values' env, for every method.
 */
public final class ExportSupport {
  private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  private ExportSupport() {}

  /** A {@code TypeError}: {@code where} must be {@code expected}, got the type of {@code actual}. */
  public static JsError typeError(String where, String expected, JsValue actual) {
    return JsError.typeError(where + " must be " + expected + ", got " + actual.typeName());
  }

  /** Whether {@code value} is {@code undefined} or {@code null}. */
  public static boolean isNullish(JsValue value) {
    return value instanceof JsUndefined || value instanceof JsNull;
  }

  /** {@code value}, which must be a number. */
  public static double number(JsValue value, String where) {
    if (value instanceof JsNumber number) return number.value();
    throw typeError(where, "a number", value);
  }

  /** {@code value}, which must be an integer number in int32 range. */
  public static int int32(JsValue value, String where) {
    double number = number(value, where);
    if (number != Math.rint(number) || number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
      throw JsError.rangeError(where + " must be an integer from -2147483648 to 2147483647, got " + number);
    }
    return (int) number;
  }

  /** {@code value}, which must be an integer number from {@code min} to {@code max}. */
  public static int int32(JsValue value, String where, int min, int max) {
    int number = int32(value, where);
    if (number < min || number > max) {
      throw JsError.rangeError(where + " must be an integer from " + min + " to " + max + ", got " + number);
    }
    return number;
  }

  /** {@code number} (an argument already read as an int32), which must be from {@code min} to {@code max}. */
  public static int range(int number, String where, int min, int max) {
    if (number < min || number > max) {
      throw JsError.rangeError(where + " must be an integer from " + min + " to " + max + ", got " + number);
    }
    return number;
  }

  /** {@code value}, which must be a safe integer number (|n| &lt;= 2^53-1). */
  public static long int64(JsValue value, String where) {
    double number = number(value, where);
    if (number != Math.rint(number) || Math.abs(number) > MAX_SAFE_INTEGER) {
      throw JsError.rangeError(where + " must be a safe integer (|n| <= 2^53-1), got " + number);
    }
    return (long) number;
  }

  /** {@code value}, which must be a boolean. */
  public static boolean bool(JsValue value, String where) {
    if (value instanceof JsBoolean bool) return bool.value();
    throw typeError(where, "a boolean", value);
  }

  /** {@code value}, which must be a string. */
  public static String string(JsValue value, String where) {
    if (value instanceof JsString string) return string.value();
    throw typeError(where, "a string", value);
  }

  /** {@code value}, which must be a string of one UTF-16 code unit. */
  public static char character(JsValue value, String where) {
    String string = string(value, where);
    if (string.length() != 1) throw JsError.rangeError(where + " must be a string of one character, got " + string.length());
    return string.charAt(0);
  }

  /** {@code value}, which must be a BigInt. */
  public static BigInteger bigint(JsValue value, String where) {
    if (value instanceof JsBigInt bigint) return bigint.value();
    throw typeError(where, "a bigint", value);
  }

  /** {@code value}, which must be an array. */
  public static JsArray array(JsValue value, String where) {
    if (value instanceof JsArray array) return array;
    throw typeError(where, "an array", value);
  }

  /** {@code value}, which must be an object. */
  public static JsObject object(JsValue value, String where) {
    if (value instanceof JsObject object) return object;
    throw typeError(where, "an object", value);
  }

  /** {@code value}, which must be a function. */
  public static JsFunction function(JsValue value, String where) {
    if (value instanceof JsFunction function) return function;
    throw typeError(where, "a function", value);
  }

  /** The Java object of {@code value}, which must be an instance of the JS class {@code type}. */
  public static <T> T instance(JsClass<T> type, JsValue value, String where) {
    return type.argument(value, where);
  }

  /** {@code value}, which must be of the JS type {@code type}. */
  public static <T extends JsValue> T value(JsValue value, Class<T> type, String where) {
    if (type.isInstance(value)) return type.cast(value);
    throw typeError(where, JsValue.describeType(type), value);
  }

  /** {@code value}, which must be a string, for an enum whose constants are {@code names}. */
  public static String enumName(JsValue value, String where, String names) {
    if (value instanceof JsString string) return string.value();
    throw typeError(where, "one of " + names, value);
  }

  /** The {@code TypeError} for a string that names no constant of an enum. */
  public static JsError noSuchConstant(String where, String names, String actual) {
    return JsError.typeError(where + " must be one of " + names + ", got '" + actual + "'");
  }

  /** A JS number for a Java long, which must be a safe integer (else a {@code RangeError}). */
  public static JsNumber safeInteger(Env env, long value, String where) {
    if (Math.abs(value) > MAX_SAFE_INTEGER) {
      throw JsError.rangeError(where + " must be a safe integer (|n| <= 2^53-1), got " + value);
    }
    return JsNumber.of(env, value);
  }

  /** A JS Promise settled with {@code stage}'s outcome whose value is {@code undefined} (for {@code Void}). */
  public static JsObject promiseOfNothing(Env env, CompletionStage<?> stage) {
    JsObject promise = Promises.of(env, stage.thenApply(ignored -> null));
    JsFunction then = promise.get("then").as(JsFunction.class);
    return then.callWith(promise, env.function("nothing", call -> null, "value?")).as(JsObject.class);
  }

  /** {@code value} as an AbortSignal: {@link AbortSignal#none()} when undefined or null. */
  public static AbortSignal abortSignal(JsValue value, String where) {
    return isNullish(value) ? AbortSignal.none() : AbortSignal.of(value, where);
  }

  /**
   * A future failed with the reason of {@code signal}, which has aborted, for an exported method
   * that is then not called. Thread: the JS thread.
   */
  public static <T> CompletableFuture<T> aborted(AbortSignal signal) {
    return CompletableFuture.failedFuture(new JsException(signal.reason()));
  }

  /**
   * A future of {@code stage}'s outcome that fails with the reason of {@code signal} when it
   * aborts first; the abort also cancels {@code stage} ({@code cancel(true)}: a future of
   * {@link AbortSignal#supplyAsync} interrupts its thread). Aborting after the outcome does
   * nothing. Thread: the JS thread.
   */
  public static <T> CompletableFuture<T> abortable(Env env, CompletionStage<T> stage, AbortSignal signal) {
    if (stage == null || signal == AbortSignal.none()) return stage == null ? null : stage.toCompletableFuture();
    CompletableFuture<T> outcome = new CompletableFuture<>();
    AbortSignal.Registration registration = signal.listen((jsEnv, reason) -> {
      if (outcome.completeExceptionally(new JsException(reason))) {
        try {
          stage.toCompletableFuture().cancel(true);
        } catch (UnsupportedOperationException e) { // a stage that cannot be cancelled: the Promise has rejected anyway
        }
      }
    }, () -> {});
    stage.whenComplete((value, failure) -> {
      registration.close();
      if (failure == null) {
        outcome.complete(value);
      } else if (failure instanceof CancellationException && signal.isAborted() && env.isJsThread()) {
        // Cancelled by another listener of the same abort (AbortSignal.supplyAsync's, say): the reason still wins.
        outcome.completeExceptionally(new JsException(signal.reason()));
      } else {
        outcome.completeExceptionally(failure);
      }
    });
    return outcome;
  }

  /**
   * Releases {@code function} (if not null) for an exported method that threw {@code failure}
   * instead of keeping it; a failure to release is added to {@code failure} as suppressed.
   */
  public static void release(ThreadsafeFunction<?> function, Throwable failure) {
    if (function == null || function.isClosed()) return;
    try {
      function.close();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * Throws {@link IllegalStateException} unless {@code alive}: a JS callback given to an
   * exported method may only be called during that call (keep it with a
   * {@link ThreadsafeFunction} or {@link JsRef} to call it later).
   */
  public static void checkAlive(boolean alive, String where) {
    if (!alive) {
      throw new IllegalStateException(where + " was called after its call returned; take a ThreadsafeFunction to call it later");
    }
  }
}
