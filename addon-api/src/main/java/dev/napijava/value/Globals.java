package dev.napijava.value;

import dev.napijava.JsRef;
import dev.napijava.internal.NodeEnv;

/** JS's built-in constructors ({@code Map}, {@code Set}, {@code Array}), looked up once per env. */
final class Globals {
  /** One per-env key for each constructor name. */
  private record Key(String name) {}

  private static final int MAX_DEPTH = 64;
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  private Globals() {}

  /** {@code globalThis[name]} of {@code env}, a function. Thread: the JS thread of {@code env}. */
  static JsFunction constructor(NodeEnv env, String name) {
    JsRef<JsFunction> ref = env.local(new Key(name), e -> JsRef.strong(e.global().get(name).as(JsFunction.class)));
    return ref.get();
  }

  /** {@code Array.from(iterable)}: the entries of a Map, the values of a Set, as an array. */
  static JsArray arrayFrom(JsObject iterable) {
    JsFunction array = constructor(iterable.env, "Array");
    return array.get("from").as(JsFunction.class).callWith(array, iterable).as(JsArray.class);
  }

  /**
   * Runs {@code copy} (a copy of a Map's or Set's contents to Java) one level deeper; a
   * {@link IllegalArgumentException} beyond 64 levels (a Map that contains itself).
   */
  static <T> T nested(java.util.function.Supplier<T> copy) {
    int[] depth = DEPTH.get();
    if (depth[0] >= MAX_DEPTH) throw new IllegalArgumentException("a JS Map or Set nested more than 64 deep cannot be copied to Java");
    depth[0]++;
    try {
      return copy.get();
    } finally {
      depth[0]--;
    }
  }

  /** Whether {@code value} is an object made by the built-in constructor {@code name}. */
  static boolean isInstance(JsValue value, String name) {
    return value instanceof JsObject object && object.isInstanceOf(constructor(value.env, name));
  }
}
