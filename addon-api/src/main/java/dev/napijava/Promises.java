package dev.napijava;

import dev.napijava.internal.JsThreadFuture;
import dev.napijava.value.JsFunction;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsValue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Bridges JS promises and Java futures. A {@link CompletionStage} returned by a Java function
 * becomes a JS Promise by itself ({@link Env#toJs}).
 *
 * <p>Thread: the JS thread of the env, for every method.
 */
public final class Promises {
  private Promises() {}

  /**
   * A future of {@code value}'s settled value, copied to Java as {@link JsValue#toJava()}
   * does: a thenable is awaited, anything else completes the future at once. A rejection
   * fails it with a {@link JsException} that keeps the rejection value (thrown back to JS, it is the
   * same value). Waiting for the future on the JS thread ({@code join}, {@code get}) throws
   * {@link IllegalStateException} unless it is already complete.
   */
  public static CompletableFuture<Object> await(JsValue value) {
    CompletableFuture<Object> future = new JsThreadFuture<>(value.env());
    settle(value.env(), value, future);
    return future;
  }

  /** A JS Promise settled with {@code stage}'s outcome (on the JS thread, whatever thread completes it). */
  public static JsObject of(Env env, CompletionStage<?> stage) {
    Deferred deferred = Deferred.create(env);
    stage.whenComplete((value, failure) -> {
      if (failure == null) {
        deferred.resolve(value);
      } else {
        deferred.reject(failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
      }
    });
    return deferred.promise();
  }

  /** Completes {@code future} with {@code returned}, awaiting it if it is a thenable. */
  static void settle(Env env, Object returned, CompletableFuture<Object> future) {
    if (returned instanceof JsObject object && object.get("then") instanceof JsFunction then) {
      JsFunction onFulfilled = env.function("onFulfilled", call -> future.complete(call.arg(0).toJava()), "value?");
      JsFunction onRejected = env.function("onRejected",
          call -> future.completeExceptionally(new JsException(call.arg(0))), "reason?");
      then.callWith(object, onFulfilled, onRejected);
    } else {
      future.complete(returned instanceof JsValue js ? js.toJava() : returned);
    }
  }
}
