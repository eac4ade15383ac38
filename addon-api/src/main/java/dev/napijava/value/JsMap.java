package dev.napijava.value;

import dev.napijava.Env;
import dev.napijava.JsError;
import dev.napijava.internal.NodeEnv;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JS {@code Map}. A Java {@link Map} given to {@link Env#toJs} becomes a plain object (string
 * keys, as in JSON and napi-rs); make a JS {@code Map}, whose keys may be any value, with
 * {@link #of(Env, Map)}. {@link #toMap()} copies one back to Java.
 *
 * <p>Thread: the JS thread of its env.
 */
public final class JsMap extends JsObject {
  private JsMap(NodeEnv env, MemorySegment handle) {
    super(env, handle);
  }

  /** A new empty Map. Thread: the JS thread of {@code env}. */
  public static JsMap create(Env env) {
    NodeEnv node = (NodeEnv) env;
    return new JsMap(node, Globals.constructor(node, "Map").construct().handle);
  }

  /**
   * A new Map holding the entries of {@code entries} in its iteration order, keys and values
   * converted by {@link Env#toJs}. Thread: the JS thread of {@code env}.
   */
  public static JsMap of(Env env, Map<?, ?> entries) {
    JsMap map = create(env);
    JsFunction set = map.get("set").as(JsFunction.class);
    for (Map.Entry<?, ?> entry : entries.entrySet()) set.callWith(map, entry.getKey(), entry.getValue());
    return map;
  }

  /** {@code value} as a Map; a {@code TypeError} if it is not one. Thread: the JS thread. */
  public static JsMap from(JsValue value) {
    if (value instanceof JsMap map) return map;
    if (!isMap(value)) throw JsError.typeError("expected a Map, got " + value.typeName());
    return new JsMap(value.env, value.handle);
  }

  /** Whether {@code value} is a Map ({@code instanceof Map}). Thread: the JS thread. */
  public static boolean isMap(JsValue value) {
    return value instanceof JsMap || Globals.isInstance(value, "Map");
  }

  /** {@code this.size}. */
  public int size() {
    return (int) get("size").as(JsNumber.class).value();
  }

  /** {@code this.get(key)}, {@code key} converted by {@link Env#toJs}. */
  public JsValue getEntry(Object key) {
    return get("get").as(JsFunction.class).callWith(this, key);
  }

  /** {@code this.set(key, value)}, both converted by {@link Env#toJs}. */
  public JsMap setEntry(Object key, Object value) {
    get("set").as(JsFunction.class).callWith(this, key, value);
    return this;
  }

  /** A copy as a Java map in the Map's order, keys and values by {@link JsValue#toJava()}. */
  public Map<Object, Object> toMap() {
    return Globals.nested(() -> {
      JsArray entries = Globals.arrayFrom(this);
      Map<Object, Object> map = new LinkedHashMap<>();
      for (int i = 0, n = entries.length(); i < n; i++) {
        JsArray entry = entries.get(i).as(JsArray.class);
        map.put(entry.get(0).toJava(), entry.get(1).toJava());
      }
      return map;
    });
  }

  @Override
  public String typeName() {
    return "Map";
  }
}
