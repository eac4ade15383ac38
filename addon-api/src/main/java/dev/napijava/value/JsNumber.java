package dev.napijava.value;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;

import dev.napijava.Env;
import dev.napijava.internal.Critical;
import dev.napijava.internal.NodeEnv;
import java.lang.foreign.MemorySegment;

/**
 * A JS number (an IEEE 754 double: NaN, -0 and the infinities included).
 *
 * <p>Thread: the JS thread of its env.
 */
public final class JsNumber extends JsValue {
  JsNumber(NodeEnv env, MemorySegment handle) {
    super(env, handle);
  }

  /** A JS number. Thread: the JS thread of {@code env}. */
  public static JsNumber of(Env env, double value) {
    NodeEnv node = (NodeEnv) env;
    MemorySegment out = node.out();
    node.check(Critical.createDouble(node.napi().address(), value, out.address()));
    return new JsNumber(node, out.get(ADDRESS, 0));
  }

  /** A JS number from an int (stored by V8 as a small integer). Thread: the JS thread. */
  public static JsNumber of(Env env, int value) {
    NodeEnv node = (NodeEnv) env;
    MemorySegment out = node.out();
    node.check(napi_create_int32(node.napi(), value, out));
    return new JsNumber(node, out.get(ADDRESS, 0));
  }

  /** A JS number from a long; beyond 2^53 it is rounded, as a double. Thread: the JS thread. */
  public static JsNumber of(Env env, long value) {
    NodeEnv node = (NodeEnv) env;
    MemorySegment out = node.out();
    node.check(napi_create_int64(node.napi(), value, out));
    return new JsNumber(node, out.get(ADDRESS, 0));
  }

  /** The value as a double, exactly. */
  public double value() {
    MemorySegment out = env.out();
    env.check(Critical.getValueDouble(env.napi().address(), handle.address(), out.address()));
    return out.get(JAVA_DOUBLE, 0);
  }

  @Override
  public String typeName() {
    return "number";
  }
}
