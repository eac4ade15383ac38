package dev.napijava.tests;

import dev.napijava.Addon;
import dev.napijava.AsyncTask;
import dev.napijava.Channel;
import dev.napijava.Deferred;
import dev.napijava.Env;
import dev.napijava.JsRef;
import dev.napijava.ThreadsafeFunction;
import dev.napijava.value.JsFunction;
import dev.napijava.value.JsObject;

/**
 * Async context across the Java boundary: JS callbacks that Java calls later (an async task's
 * callback and progress, a threadsafe function, a channel's closure, an EventEmitter emit, a
 * Deferred's settlement) run in the async context of the JS call that made them, so that
 * {@code AsyncLocalStorage.getStore()} returns the store of that call.
 */
public final class AsyncContexts implements Addon {
  @Override
  public void init(Env env, JsObject exports) {
    // taskCallback(value, callback): an async task on a virtual thread delivering callback(null, value).
    exports.setFunction("taskCallback", call -> {
      Object value = call.arg(0).toJava();
      AsyncTask.builder(progress -> value).name("napi-java test task").callback(call.function(1)).start(call.env());
      return null;
    }, "value", "callback");
    // taskPool(value, callback): the same on libuv's pool.
    exports.setFunction("taskPool", call -> {
      Object value = call.arg(0).toJava();
      AsyncTask.builder(progress -> value).onLibuvPool().callback(call.function(1)).start(call.env());
      return null;
    }, "value", "callback");
    // taskProgress(onProgress): a task that reports once; resolves when delivered.
    exports.setFunction("taskProgress", call -> AsyncTask.builder(progress -> {
      progress.report("tick");
      return "done";
    }).onProgress(call.function(0)).start(call.env()).promise(), "onProgress");
    // tsfnLater(callback): a threadsafe function built in this call, called from another thread.
    exports.setFunction("tsfnLater", call -> {
      ThreadsafeFunction<String> tsfn = ThreadsafeFunction.<String>builder(call.function(0)).name("napi-java test tsfn").build();
      Thread.ofVirtual().start(() -> {
        try (tsfn) {
          tsfn.put("from java");
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      return null;
    }, "callback");
    // channelLater(callback): a channel opened in this call; another thread posts a closure that calls callback.
    exports.setFunction("channelLater", call -> {
      JsRef<JsFunction> callback = JsRef.strong(call.function(0));
      Channel channel = Channel.open(call.env(), "napi-java test channel");
      Thread.ofVirtual().start(() -> channel.post(jsEnv -> {
        try (channel; callback) {
          callback.get().call("from java");
        }
      }));
      return null;
    }, "callback");
    // emitLater(emitter, event, value): emits on a Node EventEmitter from another Java thread.
    exports.setFunction("emitLater", call -> {
      JsRef<JsObject> emitter = JsRef.strong(call.object(0));
      String event = call.string(1);
      Object value = call.arg(2).toJava();
      Channel channel = Channel.open(call.env());
      Thread.ofVirtual().start(() -> channel.post(jsEnv -> {
        try (channel; emitter) {
          JsObject target = emitter.get();
          target.get("emit").as(JsFunction.class).callWith(target, event, value);
        }
      }));
      return null;
    }, "emitter", "event", "value");
    // deferredLater(value): a promise resolved from another Java thread.
    exports.setFunction("deferredLater", call -> {
      Object value = call.arg(0).toJava();
      Deferred deferred = Deferred.create(call.env());
      Thread.ofVirtual().start(() -> deferred.resolve(value));
      return deferred.promise();
    }, "value");
  }
}
