package dev.napijava.tests;

import dev.napijava.Addon;
import dev.napijava.AsyncIterables;
import dev.napijava.Env;
import dev.napijava.NodeStreams;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsUndefined;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Java sequences as JS async iterables and Java byte streams as Node streams: back-pressure,
 * cancellation by {@code break}, errors thrown into the loop, and the bytes each heap holds.
 */
public final class Streams implements Addon {
  /** Producers running now. */
  private static final AtomicInteger LIVE = new AtomicInteger();
  /** The thread of the producer that started last, and the items it put. */
  private record Producer(Thread thread, AtomicLong produced) {}
  private static volatile Producer lastProducer;
  private static final AtomicInteger STREAMS_CLOSED = new AtomicInteger();
  private static final AtomicInteger CANCELLED_SUBSCRIPTIONS = new AtomicInteger();
  /** The most items a publisher was asked for beyond those it sent. */
  private static final AtomicLong MOST_DEMAND = new AtomicLong();
  /** Bytes the InputStream gave, and the bytes the OutputStream took (and their sum). */
  private static final AtomicLong BYTES_READ = new AtomicLong();
  private static final AtomicLong BYTES_WRITTEN = new AtomicLong();
  private static final AtomicLong BYTES_SUM = new AtomicLong();
  private static final AtomicInteger OUTPUTS_CLOSED = new AtomicInteger();
  private static final AtomicInteger INPUTS_CLOSED = new AtomicInteger();
  private static final AtomicLong MOST_JAVA_HEAP = new AtomicLong();

  @Override
  public void init(Env env, JsObject exports) {
    // counting(limit, bufferSize): a producer thread that puts 0, 1, 2, ... up to limit (-1: forever).
    exports.setFunction("counting", call -> {
      long limit = Args.inRange("counting", "limit", call.int32(0), -1, Integer.MAX_VALUE);
      int buffer = Args.inRange("counting", "bufferSize", call.int32(1), 1, 100_000);
      return AsyncIterables.generate(call.env(), sink -> {
        // Known as the last producer before it counts as live: a reader that sees it live reads
        // its own thread and count, not those of an earlier producer that may still wait.
        Producer self = new Producer(Thread.currentThread(), new AtomicLong());
        lastProducer = self;
        LIVE.incrementAndGet();
        try {
          for (int i = 0; limit < 0 || i < limit; i++) {
            sink.put(i);
            self.produced().incrementAndGet();
          }
        } finally {
          LIVE.decrementAndGet();
        }
      }, buffer);
    }, "limit", "bufferSize");
    // producerState(): {live, produced, parked}: parked when the last producer waits in put().
    exports.setFunction("producerState", call -> {
      Producer last = lastProducer;
      boolean parked = last != null && last.thread().getState() == Thread.State.WAITING;
      return Map.of("live", LIVE.get(), "produced", last == null ? 0.0 : (double) last.produced().get(), "parked", parked);
    });
    // failing(n): n items, then an exception.
    exports.setFunction("failing", call -> {
      int n = Args.inRange("failing", "n", call.int32(0), 0, 1000);
      return AsyncIterables.generate(call.env(), sink -> {
        for (int i = 0; i < n; i++) sink.put("item " + i);
        throw new IllegalStateException("the producer broke after " + n + " items");
      });
    }, "n");
    // fromIterator(array): the elements of a JS array copied to a Java list, through its Iterator.
    exports.setFunction("fromIterator", call -> {
      List<Object> items = new java.util.ArrayList<>();
      var array = call.array(0);
      for (int i = 0; i < array.length(); i++) items.add(array.get(i).toJava());
      Iterator<Object> iterator = items.iterator();
      return AsyncIterables.of(call.env(), iterator);
    }, "items");
    // fromStream(count): IntStream.range(0, count) boxed, counting its close in streamsClosed().
    exports.setFunction("fromStream", call -> {
      int count = Args.inRange("fromStream", "count", call.int32(0), 0, 100_000_000);
      return AsyncIterables.of(call.env(), IntStream.range(0, count).boxed().onClose(STREAMS_CLOSED::incrementAndGet), 16);
    }, "count");
    exports.setFunction("streamsClosed", call -> STREAMS_CLOSED.get());
    // fromPublisher(count, bufferSize): a publisher of 0..count-1 that sends only what was requested.
    exports.setFunction("fromPublisher", call -> {
      int count = Args.inRange("fromPublisher", "count", call.int32(0), 0, 100_000_000);
      int buffer = Args.inRange("fromPublisher", "bufferSize", call.int32(1), 1, 100_000);
      MOST_DEMAND.set(0);
      return AsyncIterables.of(call.env(), new RangePublisher(count), buffer);
    }, "count", "bufferSize");
    exports.setFunction("publisherState", call -> Map.of("cancelled", CANCELLED_SUBSCRIPTIONS.get(),
        "mostDemand", (double) MOST_DEMAND.get()));
    // readable(totalBytes, chunkSize?): a Readable over an InputStream that makes totalBytes bytes (byte i is i % 251).
    exports.setFunction("readable", call -> {
      long total = longInRange("readable", "totalBytes", call.int64(0), 0, 1L << 40);
      int chunk = call.arg(1) instanceof JsUndefined ? NodeStreams.DEFAULT_CHUNK
          : Args.inRange("readable", "chunkSize", call.int32(1), 1, 1 << 20);
      BYTES_READ.set(0);
      return NodeStreams.readable(call.env(), new PatternInput(total), chunk, NodeStreams.DEFAULT_BUFFER_CHUNKS);
    }, "totalBytes", "chunkSize?");
    // writable(slowEveryBytes, failAfterBytes): a Writable over an OutputStream that sums the
    // bytes it takes, sleeps 1 ms every slowEveryBytes (0: never), and fails past failAfterBytes (-1: never).
    exports.setFunction("writable", call -> {
      long slow = longInRange("writable", "slowEveryBytes", call.int64(0), 0, 1L << 40);
      long failAfter = longInRange("writable", "failAfterBytes", call.int64(1), -1, 1L << 40);
      BYTES_WRITTEN.set(0);
      BYTES_SUM.set(0);
      return NodeStreams.writable(call.env(), new CountingOutput(slow, failAfter));
    }, "slowEveryBytes", "failAfterBytes");
    exports.setFunction("byteCounts", call -> Map.of("read", (double) BYTES_READ.get(), "written", (double) BYTES_WRITTEN.get(),
        "sum", (double) BYTES_SUM.get(), "outputsClosed", OUTPUTS_CLOSED.get(), "inputsClosed", INPUTS_CLOSED.get()));
    // javaHeap(): {used, most} in bytes, 'most' as sampled by the byte streams' threads.
    exports.setFunction("javaHeap", call -> Map.of("used", (double) usedHeap(), "most", (double) MOST_JAVA_HEAP.getAndSet(0),
        "max", (double) Runtime.getRuntime().maxMemory()));
    exports.setFunction("javaGc", call -> {
      System.gc();
      return null;
    });
  }

  private static long longInRange(String function, String name, long value, long min, long max) {
    if (value < min || value > max) {
      throw dev.napijava.JsError.rangeError(function + "(): '" + name + "' must be from " + min + " to " + max + ", got " + value);
    }
    return value;
  }

  private static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private static void sampleHeap() {
    MOST_JAVA_HEAP.accumulateAndGet(usedHeap(), Math::max);
  }

  /** A publisher of 0..count-1 that sends on the requesting thread, only what was requested. */
  private record RangePublisher(int count) implements Flow.Publisher<Integer> {
    @Override
    public void subscribe(Flow.Subscriber<? super Integer> subscriber) {
      subscriber.onSubscribe(new Flow.Subscription() {
        private int next;
        private long demand;
        private boolean sending;
        private boolean cancelled;

        @Override
        public synchronized void request(long n) {
          demand += n;
          MOST_DEMAND.accumulateAndGet(demand, Math::max);
          if (sending) return; // a request made inside onNext: the loop below sends it
          sending = true;
          try {
            while (demand > 0 && next < count && !cancelled) {
              demand--;
              subscriber.onNext(next++);
            }
            if (next == count && !cancelled) {
              cancelled = true;
              subscriber.onComplete();
            }
          } finally {
            sending = false;
          }
        }

        @Override
        public synchronized void cancel() {
          if (!cancelled) CANCELLED_SUBSCRIPTIONS.incrementAndGet();
          cancelled = true;
        }
      });
    }
  }

  /** {@code total} bytes, byte i being i % 251, made as they are read. */
  private static final class PatternInput extends InputStream {
    private final long total;
    private long position;

    PatternInput(long total) {
      this.total = total;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (position >= total) return -1;
      int n = (int) Math.min(length, total - position);
      for (int i = 0; i < n; i++) buffer[offset + i] = (byte) ((position + i) % 251);
      position += n;
      BYTES_READ.addAndGet(n);
      sampleHeap();
      return n;
    }

    @Override
    public void close() {
      INPUTS_CLOSED.incrementAndGet();
    }
  }

  /** Sums the bytes it takes; slow every so many bytes; fails past a limit. */
  private static final class CountingOutput extends OutputStream {
    private final long slowEvery;
    private final long failAfter;
    private long sinceSleep;

    CountingOutput(long slowEvery, long failAfter) {
      this.slowEvery = slowEvery;
      this.failAfter = failAfter;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      if (failAfter >= 0 && BYTES_WRITTEN.get() + length > failAfter) throw new IOException("the disk is full (a test)");
      long sum = 0;
      for (int i = 0; i < length; i++) sum += bytes[offset + i] & 0xff;
      BYTES_SUM.addAndGet(sum);
      BYTES_WRITTEN.addAndGet(length);
      sampleHeap();
      sinceSleep += length;
      if (slowEvery > 0 && sinceSleep >= slowEvery) {
        sinceSleep = 0;
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted");
        }
      }
    }

    @Override
    public void close() {
      OUTPUTS_CLOSED.incrementAndGet();
    }
  }
}
