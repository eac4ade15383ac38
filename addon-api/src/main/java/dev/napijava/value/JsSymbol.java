package dev.napijava.value;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;

import dev.napijava.Env;
import dev.napijava.internal.NodeEnv;
import java.lang.foreign.MemorySegment;

/**
 * A JS symbol.
 *
 * <p>Thread: the JS thread of its env.
 */
public final class JsSymbol extends JsValue {
  JsSymbol(NodeEnv env, MemorySegment handle) {
    super(env, handle);
  }

  /** A new unique symbol with this description. Thread: the JS thread of {@code env}. */
  public static JsSymbol of(Env env, String description) {
    NodeEnv node = (NodeEnv) env;
    MemorySegment text = JsString.create(node, description);
    MemorySegment out = node.out();
    node.check(napi_create_symbol(node.napi(), text, out));
    return new JsSymbol(node, out.get(ADDRESS, 0));
  }

  @Override
  public String typeName() {
    return "symbol";
  }
}
