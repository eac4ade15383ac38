package dev.napijava.tests;

import dev.napijava.Addon;
import dev.napijava.Env;
import dev.napijava.HandleScope;
import dev.napijava.value.JsFunction;
import dev.napijava.value.JsObject;

/** Test addon: exporting Java functions, arguments, calling JS functions back. */
public final class Functions implements Addon {
  @Override
  public void init(Env env, JsObject exports) {
    exports.setFunction("add", call -> call.number(0) + call.number(1), "a", "b");
    exports.setFunction("noop", call -> null);
    exports.setFunction("countArgs", call -> call.length(), "...args");
    exports.setFunction("argTypes", call -> {
      String[] types = new String[call.length()];
      for (int i = 0; i < types.length; i++) types[i] = call.arg(i).typeName();
      return types;
    }, "...values");
    exports.setFunction("callWithThis", call -> call.function(0).callWith(call.arg(1), call.arg(2), call.arg(3)),
        "fn", "thisArg", "x?", "y?");
    exports.setFunction("callWithArgs", call -> {
      JsFunction fn = call.function(0);
      Object[] rest = new Object[call.length() - 1];
      for (int i = 1; i < call.length(); i++) rest[i - 1] = call.arg(i);
      return fn.call(rest);
    }, "fn", "...args");
    exports.setFunction("makeAdder", call -> {
      double base = call.number(0);
      return call.env().function("adder", inner -> base + inner.number(0), "x");
    }, "base");
    exports.setFunction("callRepeatedly", call -> {
      JsFunction fn = call.function(0);
      int times = call.int32(1);
      double sum = 0;
      for (int i = 0; i < times; i++) {
        try (HandleScope scope = call.env().openScope()) {
          sum += fn.call(i).as(dev.napijava.value.JsNumber.class).value();
        }
      }
      return sum;
    }, "fn", "times");
    exports.setFunction("construct", call -> call.function(0).construct(call.arg(1)), "ctor", "arg");
    exports.setFunction("thisName", call -> call.thisArg().as(JsObject.class).get("name"));
    exports.setFunction("systemProperty", call -> System.getProperty(call.string(0)), "name");
    exports.setFunction("maxHeapMegabytes", call -> Runtime.getRuntime().maxMemory() >> 20);
    exports.setFunction("argsAfterNestedCall", call -> {
      call.function(0).call(); // JS that calls Java functions again, on this thread
      return call.string(1) + ":" + (int) call.number(2) + ":" + call.length();
    }, "fn", "text", "n");
    exports.setFunction("returnsJava", call -> java.util.Map.of("list", java.util.List.of(1, "two", true),
        "nothing", java.util.Optional.empty().isPresent(), "big", new java.math.BigInteger("123456789012345678901234567890")));
  }
}
