package dev.napijava.tests;

import dev.napijava.Addon;
import dev.napijava.Env;
import dev.napijava.value.JsDate;
import dev.napijava.value.JsExternal;
import dev.napijava.value.JsMap;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsSet;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Test addon: the rest of JS's values both ways. Date and Instant, enums, primitive arrays,
 * Set and Map, Optional, longs beyond 2^53, durations, and externals holding Java objects.
 */
public final class Values implements Addon {
  /** An enum that JS names by its constants. */
  public enum Color { RED, GREEN, BLUE }

  /** A Java object that JS holds through an external. */
  public static final class Counter {
    private int count;

    int increment() {
      return ++count;
    }
  }

  private static final List<WeakReference<Counter>> COUNTERS = new ArrayList<>();

  @Override
  public void init(Env env, JsObject exports) {
    // Date <-> Instant
    exports.setFunction("instant", call -> Instant.ofEpochMilli(call.int64(0)).plusNanos(999_999), "epochMillis");
    exports.setFunction("dateMillis", call -> call.date(0).toEpochMilli(), "date");
    exports.setFunction("dateAsArg", call -> call.arg(0, JsDate.class).epochMillis(), "date");
    exports.setFunction("farFuture", call -> Instant.MAX);

    // enums
    exports.setFunction("color", call -> Color.values()[call.int32(0)], "ordinal");
    exports.setFunction("colorOrdinal", call -> call.enumValue(0, Color.class).ordinal(), "color");

    // primitive arrays, each to the matching TypedArray (boolean[] to an array)
    exports.setFunction("primitiveArrays", call -> {
      Map<String, Object> arrays = new LinkedHashMap<>();
      arrays.put("bytes", new byte[] {1, -1, 127});
      arrays.put("shorts", new short[] {-2, 300});
      arrays.put("chars", new char[] {'A', '\uffff'});
      arrays.put("ints", new int[] {-1, Integer.MAX_VALUE});
      arrays.put("floats", new float[] {0.5f, -1.25f});
      arrays.put("doubles", new double[] {Math.PI, Double.NaN});
      arrays.put("longs", new long[] {Long.MIN_VALUE, 7});
      arrays.put("booleans", new boolean[] {true, false});
      arrays.put("empty", new double[0]);
      return arrays;
    });

    // Set and Map
    exports.setFunction("javaSet", call -> new LinkedHashSet<>(List.of("a", 1, true)));
    exports.setFunction("javaMap", call -> new LinkedHashMap<>(Map.of("k", 1)));
    exports.setFunction("jsMap", call -> {
      Map<Object, Object> entries = new LinkedHashMap<>();
      entries.put(1, "one");
      entries.put("two", List.of(2));
      return JsMap.of(call.env(), entries);
    });
    exports.setFunction("readMap", call -> JsMap.from(call.arg(0)).toMap().toString(), "map");
    exports.setFunction("readSet", call -> {
      JsSet set = call.arg(0, JsSet.class);
      return set.size() + ":" + set.contains("x") + ":" + set.toSet();
    }, "set");

    // Optional
    exports.setFunction("optional", call -> call.bool(0) ? Optional.of("here") : Optional.empty(), "present");
    exports.setFunction("optionalInt", call -> call.bool(0) ? OptionalInt.of(5) : OptionalInt.empty(), "present");

    // longs: numbers inside the safe range, BigInts outside
    exports.setFunction("longs", call -> List.of((1L << 53) - 1, -((1L << 53) - 1), 1L << 53, -(1L << 53),
        Long.MAX_VALUE, Long.MIN_VALUE, 0L));
    exports.setFunction("duration", call -> Duration.ofMillis(1500).plusNanos(250_000));

    // the JS-to-Java copies of JsValue.toJava(), described as "JavaClass:value"
    exports.setFunction("toJava", call -> {
      Object value = call.arg(0).toJava();
      String text = switch (value) {
        case byte[] a -> java.util.Arrays.toString(a);
        case short[] a -> java.util.Arrays.toString(a);
        case char[] a -> java.util.Arrays.toString(a);
        case int[] a -> java.util.Arrays.toString(a);
        case float[] a -> java.util.Arrays.toString(a);
        case double[] a -> java.util.Arrays.toString(a);
        case long[] a -> java.util.Arrays.toString(a);
        case null -> "null";
        default -> String.valueOf(value);
      };
      return (value == null ? "null" : value.getClass().getSimpleName()) + ":" + text;
    }, "value");

    // externals
    exports.setFunction("counter", call -> {
      Counter counter = new Counter();
      synchronized (COUNTERS) {
        COUNTERS.add(new WeakReference<>(counter));
      }
      return JsExternal.of(call.env(), counter);
    });
    exports.setFunction("increment", call -> call.external(0, Counter.class).increment(), "counter");
    exports.setFunction("externalOf", call -> JsExternal.of(call.env(), call.string(0)), "text");
    exports.setFunction("externalValue", call -> call.arg(0, JsExternal.class).get(), "external");
    // countersAlive(): runs Java's GC, then counts the Counters still reachable
    exports.setFunction("countersAlive", call -> {
      System.gc();
      synchronized (COUNTERS) {
        COUNTERS.removeIf(ref -> ref.get() == null);
        return COUNTERS.size();
      }
    });
  }
}
