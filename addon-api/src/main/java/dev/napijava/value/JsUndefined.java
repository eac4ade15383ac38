package dev.napijava.value;

import dev.napijava.internal.NodeEnv;
import java.lang.foreign.MemorySegment;

/**
 * JS {@code undefined}.
 *
 * <p>Thread: the JS thread of its env.
 */
public final class JsUndefined extends JsValue {
  JsUndefined(NodeEnv env, MemorySegment handle) {
    super(env, handle);
  }

  /** JS {@code undefined} of {@code env}. Thread: the JS thread of {@code env}. */
  public static JsUndefined of(dev.napijava.Env env) {
    NodeEnv node = (NodeEnv) env;
    MemorySegment out = node.out();
    node.check(dev.napijava.bindings.NodeApi.napi_get_undefined(node.napi(), out));
    return new JsUndefined(node, out.get(java.lang.foreign.ValueLayout.ADDRESS, 0));
  }

  @Override
  public String typeName() {
    return "undefined";
  }
}
