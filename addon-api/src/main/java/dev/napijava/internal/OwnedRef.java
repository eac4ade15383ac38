package dev.napijava.internal;

import static dev.napijava.bindings.NodeApi.napi_create_reference;
import static dev.napijava.bindings.NodeApi.napi_delete_reference;
import static java.lang.foreign.ValueLayout.ADDRESS;

import dev.napijava.value.JsValue;
import java.lang.foreign.MemorySegment;

/**
 * A strong {@code napi_ref} that its owner always deletes itself, on the JS thread (an async
 * task's callback, deleted once the task is delivered). Unlike {@link dev.napijava.JsRef} it has
 * no {@link java.lang.ref.Cleaner} and does not count towards {@link JsRefPressure}: a reference
 * that is sure to be deleted never needs a GC to find it. One left when the env is torn down
 * goes with the env.
 *
 * <p>Thread: every method on the JS thread of the value's env.
 */
public final class OwnedRef<T extends JsValue> {
  private final NodeEnv env;
  private MemorySegment ref;

  /** A strong reference to {@code value}. */
  public OwnedRef(T value) {
    this.env = (NodeEnv) value.env();
    this.ref = env.newReference(value.handle(), 1);
  }

  /** The value in the current handle scope; {@link IllegalStateException} once deleted. */
  @SuppressWarnings("unchecked")
  public T get() {
    if (ref == null) throw new IllegalStateException("the reference is deleted");
    MemorySegment out = env.out();
    env.check(Critical.getReferenceValue(env.napi().address(), ref.address(), out.address()));
    return (T) JsValue.wrap(env, out.get(ADDRESS, 0));
  }

  /** Whether {@link #delete} was called. */
  public boolean isDeleted() {
    return ref == null;
  }

  /** Deletes the reference (nothing if the env is closed: it went with it); twice does nothing. */
  public void delete() {
    MemorySegment deleted = ref;
    ref = null;
    if (deleted != null && !env.isClosed()) env.check(napi_delete_reference(env.napi(), deleted));
  }
}
