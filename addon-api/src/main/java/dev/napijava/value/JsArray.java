package dev.napijava.value;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.napijava.Env;
import dev.napijava.internal.NodeEnv;
import java.lang.foreign.MemorySegment;

/**
 * A JS array.
 *
 * <p>Thread: the JS thread of its env.
 */
public final class JsArray extends JsObject {
  JsArray(NodeEnv env, MemorySegment handle) {
    super(env, handle);
  }

  /** A new empty array. Thread: the JS thread of {@code env}. */
  public static JsArray create(Env env) {
    NodeEnv node = (NodeEnv) env;
    MemorySegment out = node.out();
    node.check(napi_create_array(node.napi(), out));
    return new JsArray(node, out.get(ADDRESS, 0));
  }

  /** A new array holding {@code values}, each converted by {@link Env#toJs}. */
  public static JsArray of(Env env, Iterable<?> values) {
    JsArray array = create(env);
    int index = 0;
    for (Object value : values) array.set(index++, value);
    return array;
  }

  /** {@code this.length}. */
  public int length() {
    MemorySegment out = env.out();
    env.check(napi_get_array_length(env.napi(), handle, out));
    return out.get(JAVA_INT, 0);
  }

  /** {@code this[index]}. */
  public JsValue get(int index) {
    MemorySegment out = env.out();
    env.check(napi_get_element(env.napi(), handle, index, out));
    return wrap(env, out.get(ADDRESS, 0));
  }

  /** {@code this[index] = value}, with {@code value} converted by {@link Env#toJs}. */
  public JsArray set(int index, Object value) {
    MemorySegment js = env.toJs(value).handle;
    env.check(napi_set_element(env.napi(), handle, index, js));
    return this;
  }

  @Override
  public String typeName() {
    return "array";
  }
}
