package dev.napijava.value;

import dev.napijava.JsError;
import dev.napijava.JsRef;
import dev.napijava.internal.NodeEnv;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One copy of a JS value graph into plain Java values ({@link JsValue#toJava()}). An object
 * reached twice is copied once (both places hold the same Java object), a cycle is a
 * {@code TypeError}, and depth and size are bounded ({@code RangeError}), so no input makes the
 * copy run forever or exhaust the heap. Objects are recognised again through a JS {@code Map}
 * made only when the value has nested objects. Functions and symbols, which cannot be copied,
 * are kept by strong {@link JsRef}s so that they outlive the call.
 *
 * <p>Thread: the JS thread of the env; one instance per copy.
 */
final class JavaCopy {
  static final int MAX_DEPTH = 512;
  static final int MAX_VALUES = 1_000_000;

  private final NodeEnv env;
  private final List<Object> copies = new ArrayList<>();
  private final BitSet finished = new BitSet();
  private JsObject root;
  private JsObject seen;
  private JsFunction seenGet;
  private JsFunction seenSet;
  private int values;

  JavaCopy(NodeEnv env) {
    this.env = env;
  }

  Object copy(JsValue value, int depth) {
    if (++values > MAX_VALUES) {
      throw JsError.rangeError("a JS value too large to copy to Java: over the limit of " + MAX_VALUES + " parts");
    }
    if (depth > MAX_DEPTH) {
      throw JsError.rangeError("a JS value nested more than " + MAX_DEPTH + " deep cannot be copied to Java");
    }
    return switch (value) {
      case JsUndefined u -> null;
      case JsNull n -> null;
      case JsBoolean b -> b.value();
      case JsNumber n -> n.value();
      case JsString s -> s.value();
      case JsBigInt b -> b.value();
      case JsSymbol s -> JsRef.strong(s);
      case JsFunction f -> JsRef.strong(f);
      case JsExternal<?> e -> e.holdsJavaObject() ? e.get() : e;
      case JsObject o when JsDate.isDate(o) -> JsDate.from(o).instant();
      case JsObject o when JsTypedArray.isTypedArray(o) -> JsTypedArray.from(o).toArray();
      case JsObject o when JsArrayBuffer.isArrayBuffer(o) -> JsArrayBuffer.from(o).toByteArray();
      case JsObject o when JsMap.isMap(o) -> JsMap.from(o).toMap();
      case JsObject o when JsSet.isSet(o) -> JsSet.from(o).toSet();
      case JsObject object -> object(object, depth);
    };
  }

  private Object object(JsObject object, int depth) {
    if (depth == 0) {
      root = object;
    } else {
      if (seen == null) remember(root, 0);
      if (seenGet.callWith(seen, object) instanceof JsNumber known) {
        int index = (int) known.value();
        if (!finished.get(index)) throw JsError.typeError("a cyclic JS value cannot be copied to Java");
        return copies.get(index);
      }
    }
    int index = copies.size();
    if (seen != null) remember(object, index);
    if (object instanceof JsArray array) {
      int length = array.length();
      List<Object> list = new ArrayList<>(Math.min(length, 1024));
      copies.add(list);
      for (int i = 0; i < length; i++) list.add(copy(array.get(i), depth + 1));
    } else {
      Map<String, Object> map = new LinkedHashMap<>();
      copies.add(map);
      JsArray keys = object.keys();
      for (int i = 0, n = keys.length(); i < n; i++) {
        String key = keys.get(i).coerceToString();
        map.put(key, copy(object.get(key), depth + 1));
      }
    }
    finished.set(index);
    return copies.get(index);
  }

  /** Records {@code object} as copy number {@code index}, making the JS Map at first use. */
  private void remember(JsObject object, int index) {
    if (seen == null) {
      JsFunction map = env.global().get("Map").as(JsFunction.class);
      seen = map.construct();
      JsObject prototype = map.get("prototype").as(JsObject.class);
      seenGet = prototype.get("get").as(JsFunction.class);
      seenSet = prototype.get("set").as(JsFunction.class);
    }
    seenSet.callWith(seen, object, index);
  }
}
