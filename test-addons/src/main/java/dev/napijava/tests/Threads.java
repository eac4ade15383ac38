package dev.napijava.tests;

import dev.napijava.Addon;
import dev.napijava.AsyncTask;
import dev.napijava.Channel;
import dev.napijava.Deferred;
import dev.napijava.Env;
import dev.napijava.EnvLocal;
import dev.napijava.JsRef;
import dev.napijava.ThreadsafeFunction;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsValue;
import java.util.List;
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
    // The JS-thread-only parts of the async API, used from another thread: each result names
    // the exception it threw.
    exports.setFunction("asyncApiOffThread", call -> {
      Env jsEnv = call.env();
      JsRef<JsObject> ref = JsRef.strong(call.object(0));
      Channel channel = Channel.of(jsEnv);
      ThreadsafeFunction<Object> tsfn = ThreadsafeFunction.builder(call.function(1)).build();
      try {
        return List.of(
            offThread(() -> LOCAL.get(jsEnv)),
            offThread(() -> Deferred.create(jsEnv)),
            offThread(ref::get),
            offThread(() -> JsRef.strong(call.object(0))),
            offThread(() -> {
              channel.unref();
              return null;
            }),
            offThread(() -> {
              tsfn.unref();
              return null;
            }),
            offThread(() -> AsyncTask.builder(progress -> 1).start(jsEnv)),
            offThread(() -> ThreadsafeFunction.builder(jsEnv, (e, f, v) -> v).build()));
      } finally {
        tsfn.close();
        ref.close();
      }
    }, "object", "fn");
  }

  private static final EnvLocal<String> LOCAL = EnvLocal.withInitial(env -> "value");

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
