package dev.napijava.internal;

import dev.napijava.Addon;
import dev.napijava.Env;
import dev.napijava.JsException;
import dev.napijava.value.JsObject;

/**
 * The workload of the build's AOT training run ({@code loader/aot/train.js}): it loads this
 * addon in a JVM that records which classes and method handles start-up needs, exercises the
 * common paths, and exits the JVM so that the record is written. Refuses to load unless the
 * JVM runs with {@code -Dnapijava.aot.training=true}.
 *
 * <p>Thread: the JS thread that loads it.
 */
public final class Training implements Addon {
  @Override
  public void init(Env env, JsObject exports) {
    if (!Boolean.getBoolean("napijava.aot.training")) {
      throw new IllegalStateException("the AOT training addon only loads in the build's training run");
    }
    exports.setFunction("echo", call -> call.string(0), "text");
    exports.setFunction("add", call -> call.number(0) + call.int32(1), "a", "b");
    exports.setFunction("callback", call -> call.function(0).call(call.arg(1), "text", 1.5), "fn", "value");
    exports.setFunction("object", call -> call.env().object().set("list", java.util.List.of(1, "two")), "value?");
    exports.setFunction("fail", call -> {
      try {
        call.function(0).call();
      } catch (JsException e) {
        throw new IllegalStateException("training failure", e);
      }
      return null;
    }, "fn");
    exports.setFunction("exit", call -> {
      System.exit(0);
      return null;
    });
  }
}
