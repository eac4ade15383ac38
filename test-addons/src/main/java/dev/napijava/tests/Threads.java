package dev.napijava.tests;

import dev.napijava.Addon;
import dev.napijava.Env;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsValue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Test addon: JS values and envs used off their JS thread. */
public final class Threads implements Addon {
  @Override
  public void init(Env env, JsObject exports) {
    // Each runs one misuse on another Java thread and returns what it threw.
    exports.setFunction("readOffThread", call -> {
      JsObject object = call.object(0);
      return offThread(() -> object.get("x"));
    }, "object");
    exports.setFunction("createOffThread", call -> {
      Env callEnv = call.env();
      return offThread(() -> callEnv.string("from another thread"));
    });
    exports.setFunction("callOffThread", call -> {
      var fn = call.function(0);
      return offThread(() -> fn.call());
    }, "fn");
    exports.setFunction("handleOffThread", call -> {
      JsValue value = call.arg(0);
      return offThread(value::handle);
    }, "value");
    exports.setFunction("isJsThread", call -> call.env().isJsThread());
    exports.setFunction("threadName", call -> Thread.currentThread().getName());
  }

  private static String offThread(Callable<?> misuse) throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      return executor.submit(() -> {
        try {
          misuse.call();
          return "no exception";
        } catch (Throwable t) {
          return t.getClass().getName() + ": " + t.getMessage();
        }
      }).get();
    } finally {
      executor.shutdown();
    }
  }
}
