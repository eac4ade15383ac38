package dev.napijava.tests;

import dev.napijava.Addon;
import dev.napijava.Channel;
import dev.napijava.Deferred;
import dev.napijava.Env;
import dev.napijava.JsRef;
import dev.napijava.NapiException;
import dev.napijava.Status;
import dev.napijava.value.JsFunction;
import dev.napijava.value.JsObject;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** Channel: neon's parseAsync seed and the channel's ordering, results and teardown. */
public final class Channels implements Addon {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final AtomicInteger CLOSED_SENDS = new AtomicInteger();
  private static final AtomicInteger CLOSED_POSTS = new AtomicInteger();

  @Override
  public void init(Env env, JsObject exports) {
    // parseAsync(filename, callback): reads a PNG header on a background thread and calls back
    // (err, {width, height}) on the JS thread through the env's channel.
    exports.setFunction("parseAsync", call -> {
      Path file = Path.of(call.string(0));
      JsRef<JsFunction> callback = JsRef.strong(call.function(1));
      Channel channel = Channel.open(call.env()); // keeps Node alive until the answer is in
      Thread.ofVirtual().start(() -> {
        Object[] answer;
        try {
          answer = new Object[] {null, pngSize(file)};
        } catch (IOException | RuntimeException e) {
          answer = new Object[] {e};
        }
        Object[] arguments = answer;
        channel.send(jsEnv -> callback.get().call(arguments)).whenComplete((result, failure) -> {
          callback.close();
          channel.close();
        });
      });
      return null;
    }, "filename", "callback");

    // sendInOrder(threads, perThread, callback): each Java thread sends perThread closures that
    // call callback(thread, seq); resolves when all have run.
    exports.setFunction("sendInOrder", call -> {
      int threads = Args.inRange("sendInOrder", "threads", call.int32(0), 1, 64);
      int perThread = Args.inRange("sendInOrder", "perThread", call.int32(1), 1, 1_000_000);
      JsRef<JsFunction> callback = JsRef.strong(call.function(2));
      Channel channel = Channel.of(call.env());
      Deferred done = Deferred.create(call.env());
      CompletableFuture<?>[] last = new CompletableFuture<?>[threads];
      Thread[] senders = new Thread[threads];
      for (int t = 0; t < threads; t++) {
        int thread = t;
        senders[t] = Thread.ofPlatform().start(() -> {
          for (int seq = 0; seq < perThread; seq++) {
            int s = seq;
            last[thread] = channel.send(jsEnv -> callback.get().call(thread, s));
          }
        });
      }
      Thread.ofVirtual().start(() -> {
        try {
          for (Thread sender : senders) sender.join();
          CompletableFuture.allOf(last).whenComplete((v, failure) -> {
            callback.close();
            if (failure != null) done.reject(failure); else done.resolve(threads * perThread);
          });
        } catch (InterruptedException e) {
          done.reject(e);
        }
      });
      return done.promise();
    }, "threads", "perThread", "callback");

    // postInOrder(threads, perThread, callback): as sendInOrder, with post() (no future per
    // message); resolves when all have run.
    exports.setFunction("postInOrder", call -> {
      int threads = Args.inRange("postInOrder", "threads", call.int32(0), 1, 64);
      int perThread = Args.inRange("postInOrder", "perThread", call.int32(1), 1, 1_000_000);
      JsRef<JsFunction> callback = JsRef.strong(call.function(2));
      Channel channel = Channel.of(call.env());
      Deferred done = Deferred.create(call.env());
      AtomicInteger ran = new AtomicInteger();
      AtomicInteger refused = new AtomicInteger();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        Thread.ofPlatform().start(() -> {
          for (int seq = 0; seq < perThread; seq++) {
            int s = seq;
            Status status = channel.post(jsEnv -> {
              callback.get().call(thread, s);
              if (ran.incrementAndGet() == threads * perThread) {
                callback.close();
                done.resolve(threads * perThread);
              }
            });
            if (status != Status.OK && refused.getAndIncrement() == 0) done.reject(new NapiException(status, "post refused"));
          }
        });
      }
      return done.promise();
    }, "threads", "perThread", "callback");

    // postStatuses(): what post() returns on an open channel and on a closed one.
    exports.setFunction("postStatuses", call -> {
      Channel channel = Channel.open(call.env());
      Status open = channel.post(jsEnv -> {});
      channel.close();
      Status closed = channel.post(jsEnv -> {});
      return Arrays.asList(open.name(), closed.name());
    });

    // postThrowing(message): a posted action that throws; its exception is uncaught in Node. A
    // channel of its own keeps Node alive until the action runs (the env's shared one does not,
    // and Node could end the test's event loop before the post arrived).
    exports.setFunction("postThrowing", call -> {
      String message = call.string(0);
      Channel channel = Channel.open(call.env());
      Thread.ofVirtual().start(() -> channel.post(jsEnv -> {
        channel.close();
        throw new IllegalStateException(message);
      }));
      return null;
    }, "message");

    // floodPost(threads, callback): threads post closures that call callback, until post() says
    // CLOSING (the env is torn down); each such thread counts in closedPosts().
    exports.setFunction("floodPost", call -> {
      int threads = Args.inRange("floodPost", "threads", call.int32(0), 1, 16);
      JsRef<JsFunction> callback = JsRef.strong(call.function(1));
      Channel channel = Channel.open(call.env()); // keeps the worker alive until it is terminated
      for (int t = 0; t < threads; t++) {
        AtomicInteger inFlight = new AtomicInteger(); // at most a few batches queued per thread
        Channel.Action action = jsEnv -> {
          inFlight.decrementAndGet();
          callback.get().call();
        };
        Thread.ofPlatform().daemon().start(() -> {
          try {
            while (true) {
              inFlight.incrementAndGet();
              if (channel.post(action) != Status.OK) break;
              while (inFlight.get() > 4096 && !channel.isClosed()) Thread.sleep(1);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          CLOSED_POSTS.incrementAndGet();
        });
      }
      return null;
    }, "threads", "callback");
    exports.setFunction("closedPosts", call -> CLOSED_POSTS.get());

    // roundTrip(expression): a Java thread asks the JS thread to evaluate it, and resolves with
    // what the closure returned, or rejects with its failure.
    exports.setFunction("roundTrip", call -> {
      String expression = call.string(0);
      Deferred done = Deferred.create(call.env());
      Channel channel = Channel.of(call.env());
      Thread.ofVirtual().start(() -> channel.send(jsEnv -> jsEnv.runScript(expression).toJava())
          .whenComplete((value, failure) -> {
            if (failure != null) done.reject(failure); else done.resolve(Map.of("value", value == null ? "null" : value));
          }));
      return done.promise();
    }, "expression");

    // sameSharedChannel(): Channel.of gives one channel per env.
    exports.setFunction("sameSharedChannel", call -> Channel.of(call.env()) == Channel.of(call.env()));

    // closedChannel(): sends after close() fail with CLOSING; close() twice is harmless.
    exports.setFunction("closedChannel", call -> {
      Channel channel = Channel.open(call.env());
      channel.close();
      channel.close();
      CompletableFuture<Object> future = channel.send(jsEnv -> "ran");
      return Arrays.asList(channel.isClosed(), future.isCompletedExceptionally(),
          future.handle((v, e) -> e instanceof NapiException n ? n.status().name() : "no failure").join());
    });

    // keepAlive(delayMs, unref): an open channel keeps Node alive until closed, unless unref'd.
    exports.setFunction("keepAlive", call -> {
      long delay = Args.inRange("keepAlive", "delayMs", call.int64(0), 0, 600_000);
      boolean unref = call.bool(1);
      Channel channel = Channel.open(call.env());
      if (unref) channel.unref();
      Thread.ofVirtual().start(() -> {
        try {
          Thread.sleep(delay);
          channel.send(jsEnv -> {
            System.out.println("channel message ran");
            System.out.flush();
            return null;
          }).whenComplete((v, e) -> channel.close());
        } catch (InterruptedException e) {
          channel.close();
        }
      });
      return null;
    }, "delayMs", "unref");

    // flood(callback): Java threads send until the env is torn down, counting CLOSING failures.
    // sendBurst(count, callback): queues count messages at once (on the JS thread), each calling callback().
    exports.setFunction("sendBurst", call -> {
      int count = Args.inRange("sendBurst", "count", call.int32(0), 0, 10_000_000);
      JsRef<JsFunction> callback = JsRef.strong(call.function(1));
      Channel channel = Channel.of(call.env());
      CompletableFuture<?> last = CompletableFuture.completedFuture(null);
      for (int i = 0; i < count; i++) last = channel.send(jsEnv -> callback.get().call());
      last.whenComplete((done, failure) -> callback.close());
      return null;
    }, "count", "callback");

    exports.setFunction("flood", call -> {
      JsRef<JsFunction> callback = JsRef.strong(call.function(0));
      Channel channel = Channel.open(call.env()); // keeps the worker alive until it is terminated
      Thread.ofPlatform().daemon().start(() -> {
        while (true) {
          CompletableFuture<Object> sent = channel.send(jsEnv -> callback.get().call());
          try {
            sent.join();
          } catch (RuntimeException e) {
            if (e.getCause() instanceof NapiException) {
              CLOSED_SENDS.incrementAndGet();
              return;
            }
          }
        }
      });
      return null;
    }, "callback");
    exports.setFunction("closedSends", call -> CLOSED_SENDS.get());

    // refValue(value, weak): what a reference gives back, and that closed ones refuse get().
    exports.setFunction("refValue", call -> {
      JsObject value = call.object(0);
      JsRef<JsObject> ref = call.bool(1) ? JsRef.weak(value) : JsRef.strong(value);
      JsObject back = ref.get();
      ref.close();
      ref.close();
      try {
        ref.get();
        return "get after close worked";
      } catch (IllegalStateException e) {
        return back.strictEquals(value) ? "same value, then: " + e.getMessage() : "a different value";
      }
    }, "object", "weak");
    exports.setFunction("refPrimitive", call -> JsRef.strong(call.arg(0)), "value");
  }

  /** The size of an image; reaches JS as {@code {width, height}}. */
  public record ImageSize(int width, int height) {}

  private static ImageSize pngSize(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file); DataInputStream data = new DataInputStream(in)) {
      byte[] signature = data.readNBytes(8);
      if (!Arrays.equals(signature, PNG_SIGNATURE)) throw new IOException(file + " is not a PNG file");
      data.readInt(); // IHDR length
      if (data.readInt() != 0x49484452) throw new IOException(file + " has no IHDR chunk first");
      return new ImageSize(data.readInt(), data.readInt());
    }
  }
}
