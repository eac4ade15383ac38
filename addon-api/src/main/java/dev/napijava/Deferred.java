package dev.napijava;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;

import dev.napijava.internal.Errors;
import dev.napijava.internal.NodeEnv;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsValue;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A JS Promise and the right to settle it, from any thread ({@code napi_deferred}). A settle
 * asked for off the JS thread is posted to it; the value is converted there as
 * {@link Env#toJs} does. Until it is settled, the promise keeps Node alive (like napi-rs's
 * deferred): settle every Deferred. One that is dropped unsettled is rejected with an error that
 * says so when the garbage collector finds it, and keeps Node alive until then. Settling twice
 * does nothing.
 * Settling after the env was torn down does nothing either.
 *
 * <p>Thread: {@link #create} and {@link #promise} on the JS thread; {@link #resolve},
 * {@link #reject} and {@link #isSettled} on any thread.
 */
public final class Deferred {
  private static final Cleaner CLEANER = Cleaner.create();

  /** What the cleaner needs, without a reference back to the Deferred. */
  private static final class State implements Runnable {
    private final NodeEnv env;
    private final Channel channel;
    private final MemorySegment deferred;
    private final AtomicBoolean settled = new AtomicBoolean();

    State(NodeEnv env, MemorySegment deferred) {
      this.env = env;
      this.channel = Channel.of(env);
      this.deferred = deferred;
    }

    /** Settles with {@code value} or, if {@code failure} is non-null, rejects with it. */
    void settle(Object value, Throwable failure) {
      if (settled.compareAndSet(false, true)) channel.runOnJsThread(() -> settleHere(value, failure));
    }

    private void settleHere(Object value, Throwable failure) {
      if (env.isClosed()) return;
      channel.unhold();
      try {
        MemorySegment js = failure != null ? Errors.toJs(env, failure, 0).handle() : env.toJs(value).handle();
        env.check(failure != null ? napi_reject_deferred(env.napi(), deferred, js) : napi_resolve_deferred(env.napi(), deferred, js));
      } catch (RuntimeException e) {
        MemorySegment error = Errors.toJs(env, e, 0).handle();
        env.check(napi_reject_deferred(env.napi(), deferred, error));
      }
    }

    /** The cleaner: the Deferred was dropped. */
    @Override
    public void run() {
      settle(null, new IllegalStateException("napi-java: a Deferred was dropped without being resolved or rejected"));
    }
  }

  private final State state;
  private final JsObject promise;
  private final Cleaner.Cleanable cleanable;

  private Deferred(NodeEnv env) {
    MemorySegment out = env.out();
    env.check(napi_create_promise(env.napi(), out, out.asSlice(8)));
    MemorySegment deferred = out.get(ADDRESS, 0);
    promise = (JsObject) JsValue.wrap(env, out.get(ADDRESS, 8));
    state = new State(env, deferred);
    state.channel.hold();
    cleanable = CLEANER.register(this, state);
  }

  /** A new pending promise. Thread: the JS thread of {@code env}. */
  public static Deferred create(Env env) {
    return new Deferred((NodeEnv) env);
  }

  /** The promise, valid in the handle scope it was created in. Thread: the JS thread. */
  public JsObject promise() {
    return promise;
  }

  /** Resolves the promise with {@code value}. Thread: any thread. */
  public void resolve(Object value) {
    state.settle(value, null);
    cleanable.clean();
  }

  /** Rejects the promise with {@code error}, as a JS error. Thread: any thread. */
  public void reject(Throwable error) {
    state.settle(null, error);
    cleanable.clean();
  }

  /** Whether resolve or reject was called. Thread: any thread. */
  public boolean isSettled() {
    return state.settled.get();
  }
}
