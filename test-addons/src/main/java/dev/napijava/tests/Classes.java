package dev.napijava.tests;

import dev.napijava.Addon;
import dev.napijava.Env;
import dev.napijava.JsClass;
import dev.napijava.bindings.NodeApi;
import dev.napijava.value.JsFunction;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsString;
import dev.napijava.value.JsValue;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Test addon: Java classes exposed as JS classes ({@link JsClass}), and the raw Node-API escape hatch. */
public final class Classes implements Addon {
  /** How often the Counter labelled so was closed, over every env of the process. */
  private static final Map<String, Integer> CLOSED = new ConcurrentHashMap<>();
  /** Counters made (by JS or Java) and closed, over the process. */
  private static final AtomicLong MADE = new AtomicLong();

  /** A Java object with state; AutoCloseable, so its closes are counted by label. */
  public static final class Counter implements AutoCloseable {
    private final String label;
    private int value;
    private Leaf leaf;

    Counter(int value, String label) {
      this.value = value;
      this.label = label;
      MADE.incrementAndGet();
    }

    Leaf leaf() {
      if (leaf == null) leaf = new Leaf(this);
      return leaf;
    }

    @Override
    public void close() {
      CLOSED.merge(label, 1, Integer::sum);
    }
  }

  /** Made only by Java (its class has no constructor callable from JS and is not exported). */
  public record Leaf(Counter owner) {}

  /** A second class, for `this` of the wrong class. */
  public record Point(double x, double y) {}

  static final JsClass<Counter> COUNTER = JsClass.builder("Counter", Counter.class)
      .constructor(call -> new Counter(call.int32(0), call.length() > 1 ? call.string(1) : "unlabelled"), "start", "label?")
      .method("increment", (self, call) -> ++self.value)
      .method("add", (self, call) -> self.value += call.int32(0), "n")
      .method("thisArg", (self, call) -> call.thisArg())
      .method("self", (self, call) -> self)
      .method("leaf", (self, call) -> self.leaf())
      .method("fresh", (self, call) -> new Counter(self.value, self.label + "+"))
      .accessor("value", self -> self.value, (self, call) -> self.value = call.int32(0))
      .getter("label", self -> self.label)
      .staticMethod("zero", call -> new Counter(0, call.string(0)), "label")
      .staticValue("MAX", 1000)
      .build();

  /** A Java object behind a JS class that extends the built-in Map: its instances are real Maps. */
  public static final class Bag {
    private final String label;

    Bag(String label) {
      this.label = label;
    }
  }

  // new Bag(entries?) constructs the Map with the same arguments; the Java object gets a label.
  static final JsClass<Bag> BAG = JsClass.builder("Bag", Bag.class)
      .extendsClass(env -> env.global().get("Map").as(JsFunction.class))
      .constructor(call -> new Bag(call.length() > 0 ? "from JS" : "empty"), "entries?")
      .getter("label", self -> self.label)
      // The Map's own size, read through this: Java sees the Map instance the superclass made.
      .method("javaSize", (self, call) -> call.thisArg().as(JsObject.class).get("size"))
      .staticMethod("fromJava", call -> new Bag("from Java " + call.string(0)), "label")
      .staticValue("KIND", "bag")
      .build();

  static final JsClass<Leaf> LEAF = JsClass.builder("Leaf", Leaf.class)
      .getter("ownerLabel", leaf -> leaf.owner().label)
      .method("owner", (self, call) -> self.owner())
      .build();

  static final JsClass<Point> POINT = JsClass.builder("Point", Point.class)
      .constructor(call -> new Point(call.number(0), call.number(1)), "x", "y")
      .getter("x", Point::x)
      .method("norm", (self, call) -> Math.hypot(self.x(), self.y()))
      .build();

  @Override
  public void init(Env env, JsObject exports) {
    exports.set("Counter", COUNTER.constructor(env));
    exports.set("Point", POINT.constructor(env));
    exports.set("Bag", BAG.constructor(env));
    exports.setFunction("closed", call -> CLOSED.getOrDefault(call.string(0), 0), "label");
    exports.setFunction("made", call -> MADE.get());
    exports.setFunction("unwrapCounter", call -> COUNTER.unwrap(call.arg(0)).value, "value");
    exports.setFunction("isCounter", call -> COUNTER.isInstance(call.arg(0)), "value");
    exports.setFunction("sameConstructor", call -> COUNTER.constructor(call.env()).strictEquals(call.arg(0)), "value");
    exports.setFunction("javaHeapAfterGc", call -> {
      System.gc();
      var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
      return java.util.List.of(heap.getUsed(), heap.getCommitted());
    });
    // Returns the C heap's free memory to the OS (glibc malloc_trim), so that RSS shows live memory.
    exports.setFunction("trimNativeHeap", call -> {
      var trim = Linker.nativeLinker().defaultLookup().find("malloc_trim");
      if (trim.isEmpty()) return null;
      var handle = Linker.nativeLinker().downcallHandle(trim.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
      try {
        return (int) handle.invokeExact(0L) == 1;
      } catch (Throwable t) {
        throw new IllegalStateException("malloc_trim failed", t);
      }
    });
    // The escape hatch: napi_object_freeze is not wrapped by the API; call it through the bindings.
    exports.setFunction("rawFreeze", call -> {
      JsObject object = call.object(0);
      int status = NodeApi.napi_object_freeze(call.env().napiEnv(), object.handle());
      if (status != NodeApi.napi_ok()) throw new IllegalStateException("napi_object_freeze failed with status " + status);
      return object;
    }, "object");
    // A raw napi_value made by a Node-API call, wrapped back into a JsValue.
    exports.setFunction("rawString", call -> {
      var napiEnv = call.env().napiEnv();
      try (var arena = java.lang.foreign.Arena.ofConfined()) {
        var out = arena.allocate(NodeApi.napi_value);
        int status = NodeApi.napi_create_string_utf8(napiEnv, arena.allocateFrom(call.string(0)), -1L, out);
        if (status != NodeApi.napi_ok()) throw new IllegalStateException("napi_create_string_utf8 failed with status " + status);
        return JsValue.wrap(call.env(), out.get(NodeApi.napi_value, 0)).as(JsString.class);
      }
    }, "text");
  }

  /** Another addon: its own class also named Counter (another type tag), for `this` of another addon's class. */
  public static final class Other implements Addon {
    static final JsClass<Counter> OTHER_COUNTER = JsClass.builder("Counter", Counter.class)
        .constructor(call -> new Counter(0, "other"))
        .method("increment", (self, call) -> ++self.value)
        .build();

    @Override
    public void init(Env env, JsObject exports) {
      exports.set("Counter", OTHER_COUNTER.constructor(env));
    }
  }
}
