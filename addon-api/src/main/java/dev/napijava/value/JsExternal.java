package dev.napijava.value;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.napijava.Env;
import dev.napijava.JsError;
import dev.napijava.internal.Held;
import dev.napijava.internal.NodeEnv;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A JS external ({@code napi_create_external}): an opaque JS value ({@code typeof} is
 * {@code "object"}, with no properties) that holds a Java object, like neon's {@code JsBox}. JS
 * can only pass it back; {@link #get(Class)} gives the Java object again, type-checked. The Java
 * object stays reachable while the external is, and is let go of when V8 collects the external
 * or the env is torn down.
 *
 * <p>Externals made by napi-java carry a Node-API type tag, so that an external of another
 * addon is refused with a {@code TypeError} rather than misread.
 *
 * <p>Thread: the JS thread of its env.
 *
 * @param <T> the type of the Java object (unknown, {@code ?}, for externals that came from JS)
 */
public final class JsExternal<T> extends JsValue {
  /** napi-java's type tag for its externals (a random 128-bit value). */
  private static final MemorySegment TAG = Arena.global().allocateFrom(JAVA_LONG,
      0x6e61_7069_6a61_7661L, 0x3b1f_9c2e_47d0_a865L);

  JsExternal(NodeEnv env, MemorySegment handle) {
    super(env, handle);
  }

  /** An external holding {@code value} (not null). Thread: the JS thread of {@code env}. */
  public static <T> JsExternal<T> of(Env env, T value) {
    Objects.requireNonNull(value, "value");
    NodeEnv node = (NodeEnv) env;
    MemorySegment napiEnv = node.napi();
    MemorySegment out = node.out();
    long id = Held.hold(value);
    try {
      node.check(napi_create_external(napiEnv, Held.hint(id), Held.FINALIZE, Held.hint(id), out));
    } catch (RuntimeException e) {
      Held.drop(id);
      throw e;
    }
    MemorySegment handle = out.get(ADDRESS, 0);
    node.check(napi_type_tag_object(napiEnv, handle, TAG));
    return new JsExternal<>(node, handle);
  }

  /**
   * The Java object, as {@code type}.
   *
   * @throws JsError a {@code TypeError} if this external was not made by napi-java, was
   *     released, or holds an object of another type
   */
  public <U> U get(Class<U> type) {
    Object value = value();
    if (!type.isInstance(value)) {
      throw JsError.typeError("expected an external holding a " + type.getName() + ", got one holding a "
          + value.getClass().getName());
    }
    return type.cast(value);
  }

  /**
   * The Java object.
   *
   * @throws JsError a {@code TypeError} if this external was not made by napi-java
   */
  @SuppressWarnings("unchecked")
  public T get() {
    return (T) value();
  }

  /** Whether this external was made by napi-java ({@link #of}), so that {@link #get} can work. */
  public boolean holdsJavaObject() {
    MemorySegment out = env.out();
    env.check(napi_check_object_type_tag(env.napi(), handle, TAG, out));
    return out.get(JAVA_BOOLEAN, 0);
  }

  private Object value() {
    if (!holdsJavaObject()) throw JsError.typeError("expected an external made by napi-java, got one of another addon");
    MemorySegment out = env.out();
    env.check(napi_get_value_external(env.napi(), handle, out));
    Object value = Held.get(out.get(ADDRESS, 0).address());
    if (value == null) throw JsError.typeError("the external's Java object was released");
    return value;
  }

  @Override
  public String typeName() {
    return "external";
  }
}
