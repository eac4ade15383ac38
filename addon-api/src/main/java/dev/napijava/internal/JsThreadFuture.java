package dev.napijava.internal;

import dev.napijava.Env;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A future that only the JS thread of its env completes (a threadsafe function's result, a
 * channel message, a JS promise). Waiting for it on that same thread could never end, since the
 * thread would wait instead of running the JS that completes it: {@link #join} and {@link #get}
 * there throw {@link IllegalStateException} at once unless it is already done. Dependent stages
 * ({@code thenApply}, ...) inherit the rule.
 *
 * <p>Thread: any thread; waiting only off the env's JS thread.
 */
public class JsThreadFuture<T> extends CompletableFuture<T> {
  private final Env env;

  /** An incomplete future that the JS thread of {@code env} completes. Thread: any thread. */
  public JsThreadFuture(Env env) {
    this.env = env;
  }

  private void checkWait() {
    if (!isDone() && env.isJsThread()) {
      throw new IllegalStateException("waiting on the JS thread for a result that only the JS thread can produce"
          + " would deadlock: use thenAccept/whenComplete, or return the future to JS (it becomes a Promise)");
    }
  }

  @Override
  public T join() {
    checkWait();
    return super.join();
  }

  @Override
  public T get() throws InterruptedException, ExecutionException {
    checkWait();
    return super.get();
  }

  @Override
  public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
    checkWait();
    return super.get(timeout, unit);
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new JsThreadFuture<>(env);
  }
}
