package dev.napijava.value;

import dev.napijava.Env;
import dev.napijava.JsError;
import dev.napijava.internal.NodeEnv;
import java.lang.foreign.MemorySegment;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A JS {@code Set}. A Java {@link Set} given to {@link Env#toJs} becomes one; {@link #toSet()}
 * copies one back to Java.
 *
 * <p>Thread: the JS thread of its env.
 */
public final class JsSet extends JsObject {
  private JsSet(NodeEnv env, MemorySegment handle) {
    super(env, handle);
  }

  /** A new empty Set. Thread: the JS thread of {@code env}. */
  public static JsSet create(Env env) {
    NodeEnv node = (NodeEnv) env;
    return new JsSet(node, Globals.constructor(node, "Set").construct().handle);
  }

  /**
   * A new Set holding {@code values} in their iteration order, each converted by
   * {@link Env#toJs}. Thread: the JS thread of {@code env}.
   */
  public static JsSet of(Env env, Collection<?> values) {
    JsSet set = create(env);
    JsFunction add = set.get("add").as(JsFunction.class);
    for (Object value : values) add.callWith(set, value);
    return set;
  }

  /** {@code value} as a Set; a {@code TypeError} if it is not one. Thread: the JS thread. */
  public static JsSet from(JsValue value) {
    if (value instanceof JsSet set) return set;
    if (!isSet(value)) throw JsError.typeError("expected a Set, got " + value.typeName());
    return new JsSet(value.env, value.handle);
  }

  /** Whether {@code value} is a Set ({@code instanceof Set}). Thread: the JS thread. */
  public static boolean isSet(JsValue value) {
    return value instanceof JsSet || Globals.isInstance(value, "Set");
  }

  /** {@code this.size}. */
  public int size() {
    return (int) get("size").as(JsNumber.class).value();
  }

  /** {@code this.has(value)}, {@code value} converted by {@link Env#toJs}. */
  public boolean contains(Object value) {
    return get("has").as(JsFunction.class).callWith(this, value).as(JsBoolean.class).value();
  }

  /** A copy as a Java set in the Set's order, values by {@link JsValue#toJava()}. */
  public Set<Object> toSet() {
    return Globals.nested(() -> {
      JsArray values = Globals.arrayFrom(this);
      Set<Object> set = new LinkedHashSet<>();
      for (int i = 0, n = values.length(); i < n; i++) set.add(values.get(i).toJava());
      return set;
    });
  }

  @Override
  public String typeName() {
    return "Set";
  }
}
