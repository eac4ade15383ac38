package dev.napijava;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;

import dev.napijava.internal.Critical;
import dev.napijava.internal.NodeEnv;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsSymbol;
import dev.napijava.value.JsValue;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A reference that keeps a JS object, function or symbol beyond its handle scope
 * ({@code napi_ref}): strong (the value stays alive) or weak (the value may be collected, and
 * then {@link #get()} returns null). Close it when done; one that is dropped unclosed is
 * released by a {@link Cleaner}. A release from another thread is posted to the JS thread, and
 * dropped if the env is already gone (Node frees its references then).
 *
 * <p>Thread: {@link #strong}, {@link #weak} and {@link #get} on the JS thread of the value's
 * env; {@link #close}, {@link #isClosed} and {@link #env} on any thread.
 */
public final class JsRef<T extends JsValue> implements AutoCloseable {
  private static final Cleaner CLEANER = Cleaner.create();

  /** What the cleaner needs, without a reference back to the JsRef. */
  private static final class State implements Runnable {
    private final NodeEnv env;
    private final MemorySegment ref;
    private final Channel channel;
    private final AtomicBoolean released = new AtomicBoolean();

    State(NodeEnv env, MemorySegment ref) {
      this.env = env;
      this.ref = ref;
      this.channel = Channel.of(env); // made now, on the JS thread, so that a release can be posted
    }

    @Override
    public void run() {
      if (released.compareAndSet(false, true) && !env.isClosed()) channel.runOnJsThread(this::delete);
    }

    private void delete() {
      if (!env.isClosed()) env.check(napi_delete_reference(env.napi(), ref));
    }
  }

  private final State state;
  private final Cleaner.Cleanable cleanable;
  private final boolean weak;

  private JsRef(T value, boolean weak) {
    if (!(value instanceof JsObject || value instanceof JsSymbol)) {
      throw new IllegalArgumentException("only objects, functions and symbols can be referenced, not a " + value.typeName());
    }
    NodeEnv env = (NodeEnv) value.env();
    MemorySegment out = env.out();
    env.check(napi_create_reference(env.napi(), value.handle(), weak ? 0 : 1, out));
    this.weak = weak;
    this.state = new State(env, out.get(ADDRESS, 0));
    this.cleanable = CLEANER.register(this, state);
  }

  /** A strong reference: {@code value} stays alive until {@link #close}. Thread: the JS thread. */
  public static <T extends JsValue> JsRef<T> strong(T value) {
    return new JsRef<>(value, false);
  }

  /** A weak reference: {@code value} may be collected. Thread: the JS thread. */
  public static <T extends JsValue> JsRef<T> weak(T value) {
    return new JsRef<>(value, true);
  }

  /**
   * The value in the current handle scope, or null if a weak reference's value was collected.
   * Throws {@link IllegalStateException} after {@link #close}. Thread: the JS thread.
   */
  @SuppressWarnings("unchecked")
  public T get() {
    if (state.released.get()) throw new IllegalStateException("the reference is closed");
    NodeEnv env = state.env;
    MemorySegment out = env.out();
    env.check(Critical.getReferenceValue(env.napi(), state.ref, out));
    MemorySegment handle = out.get(ADDRESS, 0);
    return handle.equals(MemorySegment.NULL) ? null : (T) JsValue.wrap(env, handle);
  }

  /** Whether this reference is weak. Thread: any thread. */
  public boolean isWeak() {
    return weak;
  }

  /** The env of the value. Thread: any thread. */
  public Env env() {
    return state.env;
  }

  /** Whether {@link #close} was called. Thread: any thread. */
  public boolean isClosed() {
    return state.released.get();
  }

  /** Releases the reference (on the JS thread, now or posted there). Closing twice does nothing. Thread: any thread. */
  @Override
  public void close() {
    cleanable.clean();
  }
}
