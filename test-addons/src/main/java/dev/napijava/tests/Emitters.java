package dev.napijava.tests;

import dev.napijava.Addon;
import dev.napijava.CallInfo;
import dev.napijava.Channel;
import dev.napijava.Env;
import dev.napijava.JsClass;
import dev.napijava.JsRef;
import dev.napijava.value.JsBoolean;
import dev.napijava.value.JsFunction;
import dev.napijava.value.JsNull;
import dev.napijava.value.JsNumber;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsString;
import dev.napijava.value.JsUndefined;
import dev.napijava.value.JsValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test addon: the seed's {@code RunWithLog} (node-event-loop.txt) written in Java, a class that
 * extends Node's {@code EventEmitter} and emits {@code start}, {@code data}, {@code error} and
 * {@code end}, from the JS thread or from any Java thread.
 */
public final class Emitters implements Addon {
  /**
   * The seed's class: {@code run(asyncFunc, ...args)} times the call with {@code console.time},
   * emits {@code start}, calls {@code asyncFunc(...args, callback)}, and from the callback emits
   * {@code error}, or {@code data} then {@code end}.
   */
  public static final class RunWithLog {
    private final Env env;
    private JsRef<JsObject> keepAlive;
    private int holds;

    RunWithLog(Env env) {
      this.env = env;
    }

    /** The seed's {@code run(asyncFunc, ...args)}. Thread: the JS thread. */
    Object run(CallInfo call) {
      JsFunction asyncFunc = call.function(0);
      List<Object> args = new ArrayList<>();
      for (int i = 1; i < call.length(); i++) args.add(call.arg(i));
      console("time", "measure");
      emit("start");
      hold();
      args.add(env.function("callback", done -> {
        try {
          JsValue err = done.arg(0);
          if (truthy(err)) return emit("error", err);
          emit("data", done.arg(1));
          console("timeEnd", "measure");
          return emit("end");
        } finally {
          release();
        }
      }, "err", "data?"));
      try {
        asyncFunc.call(args.toArray());
      } catch (RuntimeException e) {
        release();
        throw e;
      }
      return null;
    }

    /**
     * Keeps the JS wrapper alive while work is pending: JS may hold nothing but listeners, and
     * this Java object does not keep its wrapper (that would be a cycle between the heaps that
     * neither GC can free). A strong reference only for the time of the work avoids both.
     * Thread: the JS thread.
     */
    private void hold() {
      if (holds++ == 0) keepAlive = JsRef.strong(RUN_WITH_LOG.wrap(env, this));
    }

    /** Ends one {@link #hold}. Thread: the JS thread. */
    private void release() {
      if (--holds == 0) {
        keepAlive.close();
        keepAlive = null;
      }
    }

    /**
     * The same from Java threads: reads {@code path} on a thread of its own and emits there
     * {@code data} (the text) then {@code end}, or {@code error}. Thread: the JS thread.
     */
    Object runInJava(String path) {
      emit("start");
      hold();
      Channel channel = Channel.open(env); // keeps Node alive until the last event is sent
      Thread.ofVirtual().start(() -> {
        String text;
        try {
          text = Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (Exception e) {
          emitFrom(channel, "error", e);
          finish(channel);
          return;
        }
        emitFrom(channel, "data", text);
        emitFrom(channel, "end");
        finish(channel);
      });
      return null;
    }

    /**
     * {@code threads} Java threads each emit {@code data} {@code {thread, index}} for
     * {@code count} indexes, then {@code end} once all are done. Thread: the JS thread.
     */
    Object emitFromThreads(int threads, int count) {
      hold();
      Channel channel = Channel.open(env);
      AtomicInteger running = new AtomicInteger(threads);
      for (int t = 0; t < threads; t++) {
        int thread = t;
        Thread.ofPlatform().start(() -> {
          for (int i = 0; i < count; i++) emitFrom(channel, "data", Map.of("thread", thread, "index", i));
          if (running.decrementAndGet() == 0) {
            emitFrom(channel, "end");
            finish(channel);
          }
        });
      }
      return null;
    }

    /** After the last event of a Java thread's work: releases the hold on the JS thread and closes the channel. */
    private void finish(Channel channel) {
      channel.send(jsEnv -> {
        release();
        return null;
      });
      channel.close(); // messages already sent still run
    }

    /** {@code this.emit(event, ...args)} on the JS thread; the wrapper comes from the identity map. */
    private Object emit(String event, Object... args) {
      JsObject self = RUN_WITH_LOG.wrap(env, this);
      Object[] all = new Object[args.length + 1];
      all[0] = event;
      System.arraycopy(args, 0, all, 1, args.length);
      return self.get("emit").as(JsFunction.class).callWith(self, all);
    }

    /** Emits from any thread, in the order this thread sends (the channel is FIFO). */
    private void emitFrom(Channel channel, String event, Object... args) {
      channel.send(jsEnv -> emit(event, args));
    }

    private void console(String method, String label) {
      JsObject console = env.global().get("console").as(JsObject.class);
      console.get(method).as(JsFunction.class).callWith(console, label);
    }

    /** JS truthiness ({@code if (err)}). */
    private static boolean truthy(JsValue value) {
      return switch (value) {
        case JsUndefined u -> false;
        case JsNull n -> false;
        case JsBoolean b -> b.value();
        case JsNumber n -> n.value() != 0 && !Double.isNaN(n.value());
        case JsString s -> !s.value().isEmpty();
        default -> true;
      };
    }
  }

  static final JsClass<RunWithLog> RUN_WITH_LOG = JsClass.builder("RunWithLog", RunWithLog.class)
      .extendsClass(env -> env.require("events").as(JsFunction.class))
      .constructor(call -> new RunWithLog(call.env()))
      .method("run", (self, call) -> self.run(call), "asyncFunc", "...args")
      .method("runInJava", (self, call) -> self.runInJava(call.string(0)), "path")
      .method("emitFromThreads", (self, call) -> {
        int threads = Args.inRange("emitFromThreads", "threads", call.int32(0), 1, 64);
        int count = Args.inRange("emitFromThreads", "count", call.int32(1), 0, 1_000_000);
        return self.emitFromThreads(threads, count);
      }, "threads", "count")
      .build();

  @Override
  public void init(Env env, JsObject exports) {
    exports.set("RunWithLog", RUN_WITH_LOG.constructor(env));
  }
}
