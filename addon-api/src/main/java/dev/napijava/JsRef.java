package dev.napijava;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;

import dev.napijava.internal.Critical;
import dev.napijava.internal.JsRefPressure;
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
 * <p><b>Memory across the two heaps.</b> A strong reference dropped unclosed keeps its JS value
 * until a Java GC finds the {@code JsRef} unreachable, and the Java heap cannot see how big
 * that value is. napi-java counts the strong references open and, when they pile up, asks for
 * a Java GC so that the dropped ones are cleaned before V8's heap fills; closing references
 * (try-with-resources) is still far cheaper and frees the JS value at once.
 *
 * <p><b>Cycles are never collected.</b> Neither garbage collector sees through the other heap,
 * so a JS value that (directly or not) holds a Java function whose body holds a strong
 * {@code JsRef} back to that value keeps both alive for the life of the env: V8 sees the value
 * held by a reference, Java sees the {@code JsRef} held by a live function. A program that
 * makes such pairs repeatedly runs out of memory (V8's "Reached heap limit" abort or a Java
 * {@code OutOfMemoryError}). Break the cycle on one side: {@link #weak} for a reference back
 * to the JS value that owns the function (then {@link #get()} may return null), or
 * {@link #close()} once the value is no longer needed (for example when the JS side says it
 * is done, or from a {@code dispose()} method).
 *
 * <p>Thread: {@link #strong}, {@link #weak} and {@link #get} on the JS thread of the value's
 * env; {@link #close}, {@link #isClosed} and {@link #env} on any thread.
 */
public final class JsRef<T extends JsValue> implements AutoCloseable {

  /** What the cleaner needs, without a reference back to the JsRef. */
  private static final class State implements Runnable {
    private final NodeEnv env;
    private final MemorySegment ref;
    private final Channel channel;
    private final boolean strong;
    private final AtomicBoolean released = new AtomicBoolean();

    State(NodeEnv env, Channel channel, MemorySegment ref, boolean strong) {
      this.env = env;
      this.channel = channel;
      this.ref = ref;
      this.strong = strong;
    }

    @Override
    public void run() {
      if (!released.compareAndSet(false, true)) return;
      if (strong) JsRefPressure.released();
      if (!env.isClosed()) channel.runOnJsThread(this::delete);
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
    // The channel first, on the JS thread, so that a release can be posted; if it cannot be
    // made, no napi_ref is left behind.
    Channel channel = Channel.of(env);
    MemorySegment ref = env.newReference(value.handle(), weak ? 0 : 1);
    this.weak = weak;
    this.state = new State(env, channel, ref, !weak);
    this.cleanable = JsRefPressure.cleaner().register(this, state);
    if (!weak) JsRefPressure.opened();
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
    env.check(Critical.getReferenceValue(env.napi().address(), state.ref.address(), out.address()));
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
