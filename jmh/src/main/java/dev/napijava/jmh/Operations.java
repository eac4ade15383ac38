package dev.napijava.jmh;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;

import dev.napijava.AsyncIterables;
import dev.napijava.AsyncTask;
import dev.napijava.Channel;
import dev.napijava.Deferred;
import dev.napijava.JsClass;
import dev.napijava.JsRef;
import dev.napijava.NodeStreams;
import dev.napijava.ThreadsafeFunction;
import dev.napijava.value.JsBuffer;
import dev.napijava.value.JsFunction;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsTypedArray;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operations that the comparison measures, as the Java side of the same interface that
 * {@code baseline.c} implements in C.
 *
 * <p>Threads: {@link #export} and the exported functions run on the JS thread; the producers
 * of {@code tsfnRun} and {@code channelRun} on threads of their own.
 */
final class Operations {
  private static final Object[] NO_ARGUMENTS = {};
  private static final Integer PAYLOAD = 0;
  private static final Executor VIRTUAL = Executors.newVirtualThreadPerTaskExecutor();

  private Operations() {}

  /** The state of one wrapped object of the class rows. */
  record Counter(double start) {}

  /** {@code new Counter(start)} and {@code counter.plus(n)}, as baseline.c's napi_wrap class. */
  private static final JsClass<Counter> COUNTER = JsClass.builder("Counter", Counter.class)
      .constructor(call -> new Counter(call.number(0)), "start")
      .method("plus", (self, call) -> self.start() + call.number(0), "n")
      .build();

  static void export(JsObject exports) {
    exports.setFunction("noop", call -> null);
    exports.set("Counter", COUNTER.constructor(exports.env()));
    exports.setFunction("add", call -> call.number(0) + call.number(1), "a", "b");
    exports.setFunction("echo", call -> call.string(0), "text");
    exports.setFunction("callback", call -> call.function(0).call(), "fn");
    exports.setFunction("objectCreate", call -> call.env().object().set("a", 1).set("b", "two").set("c", true));
    exports.setFunction("objectRead", call -> {
      JsObject object = call.object(0);
      return object.getNumber("a") + object.getNumber("b") + object.getNumber("c");
    }, "object");
    exports.setFunction("f64Sum", call -> {
      JsTypedArray array = call.typedArray(0);
      if (array.type() != JsTypedArray.Type.FLOAT64) throw call.typeError(0, "a Float64Array");
      MemorySegment data = array.segment();
      double sum = 0;
      for (long i = 0, n = array.length(); i < n; i++) sum += data.getAtIndex(JAVA_DOUBLE, i);
      return sum;
    }, "array");
    // A Buffer of `size` bytes by copy (from Java memory), and over malloc'd memory without a copy.
    exports.setFunction("bufferCopy", call -> JsBuffer.copyOf(call.env(), NativeMemory.source(call.int32(0))), "size");
    exports.setFunction("bufferExternal", call -> {
      MemorySegment memory = NativeMemory.malloc(call.int32(0));
      return JsBuffer.of(call.env(), memory, () -> NativeMemory.free(memory));
    }, "size");
    exports.setFunction("tsfnRun", call -> {
      int threads = call.int32(0);
      int perThread = call.int32(1);
      JsFunction callback = call.function(2);
      Deferred done = Deferred.create(call.env());
      AtomicInteger delivered = new AtomicInteger();
      ThreadsafeFunction<Integer> tsfn = ThreadsafeFunction.<Integer>builder(callback)
          .arguments((env, value) -> {
            delivered.incrementAndGet();
            return NO_ARGUMENTS;
          })
          .onFinalize(env -> done.resolve(delivered.get()))
          .build();
      for (int t = 1; t < threads; t++) tsfn.acquire();
      for (int t = 0; t < threads; t++) {
        Thread.ofPlatform().start(() -> {
          try (tsfn) {
            for (int i = 0; i < perThread; i++) tsfn.put(PAYLOAD);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
      }
      return done.promise();
    }, "threads", "perThread", "callback");
    exports.setFunction("channelRun", call -> {
      int threads = call.int32(0);
      int perThread = call.int32(1);
      JsRef<JsFunction> callback = JsRef.strong(call.function(2));
      Deferred done = Deferred.create(call.env());
      Channel channel = Channel.open(call.env());
      int total = threads * perThread;
      AtomicInteger delivered = new AtomicInteger();
      Channel.Action message = env -> {
        callback.get().call();
        if (delivered.incrementAndGet() == total) {
          done.resolve(total);
          callback.close();
          channel.close();
        }
      };
      // post() by default (no result, as the C threadsafe function); send() (a future per
      // message) when asked, to see what a result costs.
      boolean withFuture = call.length() > 3 && call.bool(3);
      Channel.Task<Object> task = env -> {
        message.run(env);
        return null;
      };
      for (int t = 0; t < threads; t++) {
        Thread.ofPlatform().start(() -> {
          for (int i = 0; i < perThread; i++) {
            if (withFuture) channel.send(task); else channel.post(message);
          }
        });
      }
      return done.promise();
    }, "threads", "perThread", "callback", "withFuture?");
    // iterable(count): the integers 0..count-1 from a Java producer thread, as a JS async iterable.
    exports.setFunction("iterable", call -> {
      int count = call.int32(0);
      return AsyncIterables.generate(call.env(), sink -> {
        for (int i = 0; i < count; i++) sink.put(PAYLOAD);
      });
    }, "count");
    // readable(totalBytes): a Node Readable over an InputStream of totalBytes zero bytes.
    exports.setFunction("readable", call -> {
      long total = call.int64(0);
      return NodeStreams.readable(call.env(), new InputStream() {
        private long left = total;

        @Override
        public int read() {
          return left-- > 0 ? 0 : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
          if (left <= 0) return -1;
          int n = (int) Math.min(length, left);
          left -= n;
          return n;
        }
      });
    }, "totalBytes");
    exports.setFunction("asyncRun", call -> {
      int count = call.int32(0);
      boolean virtual = call.length() > 1 && call.bool(1);
      Deferred done = Deferred.create(call.env());
      AtomicInteger completed = new AtomicInteger();
      JsFunction counter = call.env().function("completed", inner -> {
        if (completed.incrementAndGet() == count) done.resolve(count);
        return null;
      }, "err", "value");
      for (int i = 0; i < count; i++) {
        var task = AsyncTask.builder(progress -> PAYLOAD).callback(counter);
        if (virtual) task.executor(VIRTUAL); else task.onLibuvPool();
        task.start(call.env());
      }
      return done.promise();
    }, "count", "virtual?");
  }
}
