package dev.napijava.tests;

import dev.napijava.Addon;
import dev.napijava.Env;
import dev.napijava.value.JsBigInt;
import dev.napijava.value.JsObject;

/** Test addon: numbers and BigInts both ways. */
public final class Numbers implements Addon {
  @Override
  public void init(Env env, JsObject exports) {
    exports.setFunction("echo", call -> call.number(0), "n");
    exports.setFunction("isNegativeZero", call -> {
      double n = call.number(0);
      return n == 0 && Double.doubleToRawLongBits(n) != 0;
    }, "n");
    exports.setFunction("int32", call -> call.int32(0), "n");
    exports.setFunction("int32PlusOne", call -> call.int32(0) + 1L, "n");
    exports.setFunction("int64", call -> call.int64(0), "n");
    exports.setFunction("longToJs", call -> Long.parseLong(call.string(0)), "decimal");
    exports.setFunction("bigintEcho", call -> call.arg(0, JsBigInt.class).value(), "n");
    exports.setFunction("bigintToString", call -> call.arg(0, JsBigInt.class).value().toString(), "n");
    exports.setFunction("bool", call -> !call.bool(0), "flag");
  }
}
