package dev.napijava.value;

import dev.napijava.internal.NodeEnv;
import java.lang.foreign.MemorySegment;

/**
 * JS {@code null}.
 *
 * <p>Thread: the JS thread of its env.
 */
public final class JsNull extends JsValue {
  JsNull(NodeEnv env, MemorySegment handle) {
    super(env, handle);
  }

  /** JS {@code null} of {@code env}. Thread: the JS thread of {@code env}. */
  public static JsNull of(dev.napijava.Env env) {
    NodeEnv node = (NodeEnv) env;
    MemorySegment out = node.out();
    node.check(dev.napijava.bindings.NodeApi.napi_get_null(node.napi(), out));
    return new JsNull(node, out.get(java.lang.foreign.ValueLayout.ADDRESS, 0));
  }

  @Override
  public String typeName() {
    return "null";
  }
}
