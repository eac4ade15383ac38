package dev.napijava;

import dev.napijava.internal.NodeEnv;
import dev.napijava.internal.OwnedRef;
import dev.napijava.value.JsBuffer;
import dev.napijava.value.JsFunction;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.Cleaner;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;

/**
 * Java byte streams as Node streams: an {@link InputStream} as a {@code stream.Readable}, an
 * {@link OutputStream} as a {@code stream.Writable}, with back-pressure both ways, so that a
 * file of any size or a database cursor flows through without sitting in either heap.
 *
 * <table>
 *   <caption>What each side holds at most</caption>
 *   <tr><th>stream</th><th>Java holds</th><th>JS holds</th></tr>
 *   <tr><td>{@link #readable}</td><td>{@code bufferChunks} chunks of up to {@code chunkSize}
 *       bytes, read ahead on a virtual thread; reading waits while they are not taken</td>
 *       <td>the Readable's {@code highWaterMark} ({@code chunkSize}) plus the chunks of one
 *       take</td></tr>
 *   <tr><td>{@link #writable}</td><td>{@code bufferChunks} chunks waiting for a virtual thread
 *       that writes them; the write callback waits while they are full</td><td>the
 *       Writable's {@code highWaterMark}: {@code write()} returns false past it, and
 *       {@code 'drain'} follows</td></tr>
 * </table>
 *
 * <p>A Readable is {@code Readable.from} over an {@link AsyncIterables} iterable of
 * {@code Uint8Array} chunks: its {@code destroy()} interrupts the reading thread and closes the
 * InputStream; an {@link IOException} of {@code read} destroys the Readable with it as the
 * error. A Writable's {@code end()} flushes and closes the OutputStream before {@code 'finish'};
 * an {@link IOException} of {@code write}, {@code flush} or {@code close} is the stream's
 * {@code 'error'}; {@code destroy()} interrupts the writing thread and closes the stream.
 * While Java owes a Writable a callback (a write waiting for room, an end waiting for the
 * close), Node stays alive.
 *
 * <p>Thread: the factories on the JS thread of {@code env}; the Java streams are read and
 * written on virtual threads of their own, never on the JS thread.
 */
public final class NodeStreams {
  /** The chunk size unless given: 64 KiB, Node's {@code highWaterMark} for file streams. */
  public static final int DEFAULT_CHUNK = 64 * 1024;
  /** How many chunks Java holds ahead unless given. */
  public static final int DEFAULT_BUFFER_CHUNKS = 4;

  private static final Object WRITABLE_FACTORY = new Object();
  private static final Cleaner CLEANER = Cleaner.create();
  private static final String WRITABLE_SOURCE = """
      (function makeWritable(Writable, write, finish, destroy, highWaterMark) {
        return new Writable({
          highWaterMark,
          write(chunk, encoding, callback) { write(chunk, callback); },
          final(callback) { finish(callback); },
          destroy(error, callback) { destroy(error, callback); },
        });
      })
      """;

  private NodeStreams() {}

  /** {@code in} as a Node Readable, in chunks of {@link #DEFAULT_CHUNK} bytes. Thread: the JS thread. */
  public static JsObject readable(Env env, InputStream in) {
    return readable(env, in, DEFAULT_CHUNK, DEFAULT_BUFFER_CHUNKS);
  }

  /**
   * {@code in} as a Node Readable that reads chunks of up to {@code chunkSize} bytes, at most
   * {@code bufferChunks} ahead of JS. Thread: the JS thread.
   */
  public static JsObject readable(Env env, InputStream in, int chunkSize, int bufferChunks) {
    Objects.requireNonNull(in);
    if (chunkSize < 1) throw new IllegalArgumentException("chunkSize must be >= 1, got " + chunkSize);
    // A read blocked in a stream that ignores interrupts (a file, a socket) ends when the stream
    // closes: JS's destroy() closes it from a thread of its own.
    Runnable closeIn = () -> Thread.ofVirtual().start(() -> closeQuietly(in));
    JsObject chunks = AsyncIterables.generate(env, sink -> {
      try (in) {
        byte[] buffer = new byte[chunkSize];
        for (int n; (n = in.read(buffer)) >= 0; ) {
          if (n > 0) sink.put(Arrays.copyOf(buffer, n));
        }
      }
    }, bufferChunks, closeIn);
    JsObject stream = env.require("node:stream").as(JsObject.class);
    JsFunction from = stream.get("Readable").as(JsObject.class).get("from").as(JsFunction.class);
    JsObject options = env.object().set("objectMode", false).set("highWaterMark", chunkSize);
    return from.callWith(stream.get("Readable"), chunks, options).as(JsObject.class);
  }

  /** {@code out} as a Node Writable. Thread: the JS thread. */
  public static JsObject writable(Env env, OutputStream out) {
    return writable(env, out, DEFAULT_CHUNK, DEFAULT_BUFFER_CHUNKS);
  }

  /**
   * {@code out} as a Node Writable of {@code highWaterMark} bytes, with at most
   * {@code bufferChunks} chunks waiting in Java. Thread: the JS thread.
   */
  public static JsObject writable(Env env, OutputStream out, int highWaterMark, int bufferChunks) {
    Objects.requireNonNull(out);
    if (highWaterMark < 1) throw new IllegalArgumentException("highWaterMark must be >= 1, got " + highWaterMark);
    if (bufferChunks < 1) throw new IllegalArgumentException("bufferChunks must be >= 1, got " + bufferChunks);
    NodeEnv node = (NodeEnv) env;
    OwnedRef<JsFunction> factory = node.local(WRITABLE_FACTORY, n -> new OwnedRef<>(n.runScript(WRITABLE_SOURCE).as(JsFunction.class)));
    Writer writer = new Writer(node, out, bufferChunks);
    Handle handle = new Handle(writer);
    CLEANER.register(handle, writer::abandon);
    JsFunction write = env.function("write", call -> {
      handle.writer.write(JsBuffer.from(call.arg(0)).toByteArray(), call.function(1));
      return null;
    }, "chunk", "callback");
    JsFunction finish = env.function("final", call -> {
      handle.writer.finish(call.function(0));
      return null;
    }, "callback");
    JsFunction destroy = env.function("destroy", call -> {
      handle.writer.destroy();
      call.function(1).call(call.arg(0));
      return null;
    }, "error", "callback");
    JsValue type = env.require("node:stream").as(JsObject.class).get("Writable");
    JsObject stream = factory.get().call(type, write, finish, destroy, highWaterMark).as(JsObject.class);
    writer.start();
    return stream;
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // closed to stop it: its own error no longer matters
    }
  }

  /** What the JS functions of a Writable hold. */
  private record Handle(Writer writer) {}

  /**
   * The Java side of a Writable: chunks wait in a bounded queue for a virtual thread that
   * writes them. Guarded by its monitor; JS thread: {@link #write}, {@link #finish},
   * {@link #destroy}; the writing thread: {@link #drain}.
   */
  private static final class Writer {
    private final NodeEnv env;
    private final OutputStream out;
    private final int capacity;
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    /** Delivers callbacks; ref'd while Java owes one (Node must wait for it). */
    private final Channel channel;
    /** A chunk that found the queue full, and its callback, run once there is room. */
    private byte[] waitingChunk;
    private OwnedRef<JsFunction> waitingCallback;
    private OwnedRef<JsFunction> finalCallback;
    private IOException failure;
    private boolean stopped;
    private Thread thread;
    /** Whether the OutputStream was closed (by the end, or to stop the thread): it is closed once. */
    private final java.util.concurrent.atomic.AtomicBoolean outClosed = new java.util.concurrent.atomic.AtomicBoolean();

    Writer(NodeEnv env, OutputStream out, int capacity) {
      this.env = env;
      this.out = out;
      this.capacity = capacity;
      this.channel = Channel.open(env, "napi-java writable");
      channel.unref();
    }

    void start() {
      Thread started = Thread.ofVirtual().name("napi-java writable").unstarted(this::drain);
      synchronized (this) {
        thread = started;
      }
      started.start();
    }

    /** Writable's write(): queued, or waiting for room (the callback then waits too). */
    void write(byte[] chunk, JsFunction callback) {
      IOException failed;
      synchronized (this) {
        failed = failure;
        if (failed == null && !stopped) {
          if (chunks.size() < capacity) {
            chunks.add(chunk);
            notifyAll();
          } else {
            waitingChunk = chunk;
            waitingCallback = new OwnedRef<>(callback);
            channel.ref();
            return;
          }
        }
      }
      if (failed != null) callback.call(failed); else callback.call();
    }

    /** Writable's final(): the callback runs once the stream is flushed and closed. */
    void finish(JsFunction callback) {
      IOException failed;
      synchronized (this) {
        failed = failure;
        if (failed == null) {
          finalCallback = new OwnedRef<>(callback);
          channel.ref();
          notifyAll();
          return;
        }
      }
      callback.call(failed);
    }

    /** Writable's destroy(): stops the writing thread and closes the stream. */
    void destroy() {
      stop();
      if (waitingCallback != null) waitingCallback.delete();
      if (finalCallback != null) finalCallback.delete();
      waitingCallback = finalCallback = null;
      channel.close();
    }

    /** The Writable was collected without an end: stop the thread. Thread: the cleaner's. */
    void abandon() {
      stop();
    }

    private void stop() {
      Thread writing;
      synchronized (this) {
        if (stopped) return;
        stopped = true;
        chunks.clear();
        waitingChunk = null;
        writing = thread;
        notifyAll();
      }
      if (writing != null) writing.interrupt();
      if (!outClosed.get()) Thread.ofVirtual().start(() -> {
        if (outClosed.compareAndSet(false, true)) closeQuietly(out);
      });
    }

    /** The writing thread: writes chunks in order, then flushes and closes at the end. */
    private void drain() {
      try {
        while (true) {
          byte[] chunk;
          boolean roomMade = false;
          synchronized (this) {
            while (chunks.isEmpty() && finalCallback == null && !stopped) wait();
            if (stopped) return;
            chunk = chunks.poll();
            if (chunk != null && waitingChunk != null) {
              chunks.add(waitingChunk);
              waitingChunk = null;
              roomMade = true;
            }
          }
          if (roomMade) post(false);
          if (chunk == null) { // the end, with every chunk written
            out.flush();
            if (outClosed.compareAndSet(false, true)) out.close();
            post(true);
            return;
          }
          out.write(chunk);
        }
      } catch (InterruptedException e) {
        // destroyed
      } catch (IOException e) {
        boolean owed;
        synchronized (this) {
          if (stopped) return;
          failure = e;
          owed = waitingCallback != null || finalCallback != null;
          chunks.clear();
          waitingChunk = null;
        }
        if (owed) post(false);
        post(true);
      }
    }

    /** Runs the waiting write's callback ({@code last}: the final one too) on the JS thread. */
    private void post(boolean last) {
      channel.post(jsEnv -> {
        IOException failed;
        OwnedRef<JsFunction> callback;
        synchronized (this) {
          failed = failure;
          callback = last ? finalCallback : waitingCallback;
          if (last) finalCallback = null; else waitingCallback = null;
        }
        if (callback != null) {
          JsFunction function = callback.get();
          callback.delete();
          if (failed != null) function.call(failed); else function.call();
        }
        synchronized (this) {
          if (waitingCallback == null && finalCallback == null) channel.unref();
        }
        if (last) channel.close();
      });
    }
  }
}
