package dev.napijava.value;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;

import dev.napijava.Env;
import dev.napijava.internal.NodeEnv;
import java.lang.foreign.MemorySegment;

/**
 * A JS boolean.
 *
 * <p>Thread: the JS thread of its env.
 */
public final class JsBoolean extends JsValue {
  JsBoolean(NodeEnv env, MemorySegment handle) {
    super(env, handle);
  }

  /** JS {@code true} or {@code false}. Thread: the JS thread of {@code env}. */
  public static JsBoolean of(Env env, boolean value) {
    NodeEnv node = (NodeEnv) env;
    MemorySegment out = node.out();
    node.check(napi_get_boolean(node.napi(), value, out));
    return new JsBoolean(node, out.get(ADDRESS, 0));
  }

  /** The Java value. */
  public boolean value() {
    MemorySegment out = env.out();
    env.check(napi_get_value_bool(env.napi(), handle, out));
    return out.get(JAVA_BOOLEAN, 0);
  }

  @Override
  public String typeName() {
    return "boolean";
  }
}
