package dev.napijava;

import dev.napijava.internal.NodeEnv;
import dev.napijava.internal.OwnedRef;
import dev.napijava.value.JsArray;
import dev.napijava.value.JsFunction;
import dev.napijava.value.JsObject;
import java.lang.ref.Cleaner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/**
 * Java sequences as JS async iterables, for {@code for await (const item of iterable)}: a
 * Java {@link Iterator}, a {@link Stream}, a {@link Flow.Publisher}, or a producer that runs
 * on a thread of its own ({@link #generate}).
 *
 * <p>Items flow through a bounded buffer ({@link #DEFAULT_BUFFER} items unless given): the
 * producer waits while the buffer is full, that is while JS has not pulled, so that a
 * producer faster than its consumer fills neither heap (a publisher is sent
 * {@code request(n)} only for the room in the buffer). JS takes what the buffer holds in one
 * call, and each item is converted to JS on the JS thread as {@link Env#toJs} does.
 *
 * <ul>
 *   <li>The end of the sequence ends the loop. An exception of the producer (of
 *       {@code hasNext()}/{@code next()}, {@code onError}) is thrown into the loop after the
 *       items that came before it, as a JS error ({@code cause}, {@code javaClass}).
 *   <li>{@code break}, {@code return} or a {@code throw} out of the loop ({@code return()} of
 *       the iterator) cancels the producer: its thread is interrupted (a {@link Sink#put}
 *       throws {@link InterruptedException}), a stream is closed, a subscription cancelled.
 *       {@code return()} resolves once the producer has ended, so that what it held is
 *       released when the loop is left. {@code Symbol.asyncDispose}
 *       ({@code await using}) does the same.
 *   <li>An iterable that JS drops before its end is cancelled the same way once both garbage
 *       collectors have found it.
 * </ul>
 *
 * <p>The JS object is an async generator: it is its own iterator, and iterates once.
 *
 * <p>Thread: the factories on the JS thread of {@code env}; a {@link Producer} runs on a virtual
 * thread of its own, an {@link Iterator} or {@link Stream} is read on one, and a publisher's
 * subscriber may be called on any thread.
 */
public final class AsyncIterables {
  /** How many items the buffer holds unless told otherwise. */
  public static final int DEFAULT_BUFFER = 64;

  /** Produces the items of an iterable. Thread: runs on a virtual thread of its own. */
  @FunctionalInterface
  public interface Producer<T> {
    /**
     * Puts the items into {@code sink}, then returns (the end of the sequence) or throws (an
     * error thrown into the JS loop). Cancelled by JS, its thread is interrupted.
     */
    void produce(Sink<T> sink) throws Exception;
  }

  /** Where a producer puts its items. Thread: any thread (the producer's). */
  public interface Sink<T> {
    /**
     * Adds {@code item}, waiting while the buffer is full. Throws {@link InterruptedException}
     * when the thread is interrupted or JS cancelled the iteration (then the producer should
     * return).
     */
    void put(T item) throws InterruptedException;

    /** Whether JS cancelled the iteration (left the loop, or dropped the iterable). */
    boolean isCancelled();
  }

  private static final Object FACTORY = new Object();
  /** Stands for a null item in the buffer (an ArrayDeque holds no nulls). */
  private static final Object NULL_ITEM = new Object();
  private static final Cleaner CLEANER = Cleaner.create();
  /** Makes the async generator over Java's pull and cancel functions. */
  private static final String FACTORY_SOURCE = """
      (function makeAsyncIterable(pull, cancel) {
        async function* items() {
          try {
            for (;;) {
              let batch = pull();
              if (batch != null && !Array.isArray(batch)) batch = await batch;
              if (batch == null) return; // the end: null (or undefined)
              for (let i = 0; i < batch.length; i++) yield batch[i];
            }
          } finally {
            await cancel();
          }
        }
        const iterator = items();
        if (typeof Symbol.asyncDispose === 'symbol') {
          Object.defineProperty(iterator, Symbol.asyncDispose, {
            value() { return iterator.return(); }, configurable: true, writable: true,
          });
        }
        return iterator;
      })
      """;

  private AsyncIterables() {}

  /** {@code items} as an async iterable, read on a virtual thread. Thread: the JS thread. */
  public static JsObject of(Env env, Iterator<?> items) {
    return of(env, items, DEFAULT_BUFFER);
  }

  /** {@link #of(Env, Iterator)} with a buffer of {@code bufferSize} items. Thread: the JS thread. */
  public static JsObject of(Env env, Iterator<?> items, int bufferSize) {
    Objects.requireNonNull(items);
    return generate(env, sink -> {
      while (items.hasNext()) sink.put(items.next());
    }, bufferSize);
  }

  /**
   * {@code items} as an async iterable, read on a virtual thread; the stream is closed at its
   * end, on an error and when JS cancels. Thread: the JS thread.
   */
  public static JsObject of(Env env, Stream<?> items) {
    return of(env, items, DEFAULT_BUFFER);
  }

  /** {@link #of(Env, Stream)} with a buffer of {@code bufferSize} items. Thread: the JS thread. */
  public static JsObject of(Env env, Stream<?> items, int bufferSize) {
    Objects.requireNonNull(items);
    return generate(env, sink -> {
      try (items) {
        Iterator<?> iterator = items.iterator();
        while (iterator.hasNext()) sink.put(iterator.next());
      }
    }, bufferSize);
  }

  /**
   * The items of {@code publisher} as an async iterable: it is subscribed to at once, and sent
   * {@code request(n)} for the room in the buffer; JS's cancel cancels the subscription.
   * Thread: the JS thread.
   */
  public static JsObject of(Env env, Flow.Publisher<?> publisher) {
    return of(env, publisher, DEFAULT_BUFFER);
  }

  /** {@link #of(Env, Flow.Publisher)} with a buffer of {@code bufferSize} items. Thread: the JS thread. */
  public static JsObject of(Env env, Flow.Publisher<?> publisher, int bufferSize) {
    Objects.requireNonNull(publisher);
    Buffer buffer = new Buffer((NodeEnv) env, bufferSize);
    JsObject iterable = iterable((NodeEnv) env, buffer);
    publisher.subscribe(new Flow.Subscriber<Object>() {
      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        buffer.subscribed(subscription);
      }

      @Override
      public void onNext(Object item) {
        buffer.offer(item);
      }

      @Override
      public void onError(Throwable failure) {
        buffer.end(failure);
      }

      @Override
      public void onComplete() {
        buffer.end(null);
      }
    });
    return iterable;
  }

  /**
   * The items that {@code producer} puts, as an async iterable; the producer runs on a virtual
   * thread of its own, started at once. Thread: the JS thread.
   */
  public static <T> JsObject generate(Env env, Producer<T> producer) {
    return generate(env, producer, DEFAULT_BUFFER);
  }

  /** {@link #generate(Env, Producer)} with a buffer of {@code bufferSize} items. Thread: the JS thread. */
  public static <T> JsObject generate(Env env, Producer<T> producer, int bufferSize) {
    return generate(env, producer, bufferSize, null);
  }

  /** {@link #generate(Env, Producer, int)}; {@code onStop} (may be null) runs when JS stops the producer. */
  static <T> JsObject generate(Env env, Producer<T> producer, int bufferSize, Runnable onStop) {
    Objects.requireNonNull(producer);
    Buffer buffer = new Buffer((NodeEnv) env, bufferSize);
    buffer.onStop(onStop);
    JsObject iterable = iterable((NodeEnv) env, buffer);
    Thread thread = Thread.ofVirtual().name("napi-java async iterable").unstarted(() -> {
      Throwable failure = null;
      try {
        @SuppressWarnings("unchecked")
        Sink<T> sink = (Sink<T>) (Sink<?>) buffer;
        producer.produce(sink);
      } catch (InterruptedException e) {
        if (!buffer.isCancelled()) failure = e;
      } catch (Throwable t) {
        failure = t;
      } finally {
        buffer.end(failure);
      }
    });
    buffer.producer(thread);
    thread.start();
    return iterable;
  }

  /** The async generator over {@code buffer}. */
  static JsObject iterable(NodeEnv env, Buffer buffer) {
    OwnedRef<JsFunction> factory = env.local(FACTORY, node -> new OwnedRef<>(node.runScript(FACTORY_SOURCE).as(JsFunction.class)));
    // The JS functions hold the handle; once JS has dropped them and Java collected it, the
    // producer is cancelled (the buffer does not hold the handle).
    Handle handle = new Handle(buffer);
    CLEANER.register(handle, buffer::abandon);
    JsFunction pull = env.function("pull", call -> handle.buffer.pull(call.env()));
    JsFunction cancel = env.function("cancel", call -> handle.buffer.cancel(call.env()));
    return factory.get().call(pull, cancel).as(JsObject.class);
  }

  /** What the pull and cancel functions hold. */
  private record Handle(Buffer buffer) {}

  /**
   * The bounded buffer between a producer and the JS thread. Guarded by its monitor; JS
   * thread: {@link #pull}, {@link #cancel}; any thread: the rest.
   */
  static final class Buffer implements Sink<Object> {
    private final NodeEnv env;
    private final int capacity;
    private final ArrayDeque<Object> items;
    private boolean ended;
    private Throwable failure;
    private boolean cancelled;
    /** A pull made while the buffer was empty, settled by the producer's next item or end. */
    private Deferred waiting;
    /** Settled when the producer has ended, for a cancel made while it ran. */
    private Deferred closed;
    private Thread producer;
    private Flow.Subscription subscription;
    /** Runs when JS stops the producer (closing an InputStream that a read blocks in). */
    private Runnable onStop;
    /** Items requested from a publisher and not yet received. */
    private long requested;

    Buffer(NodeEnv env, int capacity) {
      if (capacity < 1) throw new IllegalArgumentException("bufferSize must be >= 1, got " + capacity);
      this.env = env;
      this.capacity = capacity;
      this.items = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    synchronized void producer(Thread thread) {
      producer = thread;
    }

    synchronized void onStop(Runnable action) {
      onStop = action;
    }

    void subscribed(Flow.Subscription subscription) {
      long demand;
      synchronized (this) {
        if (this.subscription != null || cancelled) {
          subscription.cancel();
          return;
        }
        this.subscription = subscription;
        demand = capacity;
        requested = demand;
      }
      subscription.request(demand);
    }

    @Override
    public void put(Object item) throws InterruptedException {
      Deferred wake;
      List<Object> batch;
      synchronized (this) {
        while (items.size() >= capacity && !cancelled) wait();
        if (cancelled || ended) throw new InterruptedException("the JS iteration was cancelled");
        items.add(item == null ? NULL_ITEM : item);
        if (waiting == null) return;
        wake = waiting;
        waiting = null;
        batch = takeAll();
      }
      wake.resolve(batch);
    }

    @Override
    public synchronized boolean isCancelled() {
      return cancelled;
    }

    /** A publisher's item: never waits (a publisher sends no more than was requested). */
    void offer(Object item) {
      Deferred wake;
      List<Object> batch;
      synchronized (this) {
        if (cancelled || ended) return;
        items.add(item == null ? NULL_ITEM : item);
        requested--;
        if (waiting == null) return;
        wake = waiting;
        waiting = null;
        batch = takeAll();
      }
      wake.resolve(batch);
      requestMore();
    }

    /** The end of the items ({@code failure} null) or their failure. Thread: any thread. */
    void end(Throwable failure) {
      Deferred wake;
      Deferred done;
      synchronized (this) {
        if (ended) return;
        ended = true;
        this.failure = failure;
        producer = null;
        wake = waiting;
        waiting = null;
        done = closed;
        closed = null;
        notifyAll();
      }
      if (wake != null) {
        if (!items.isEmpty()) {
          List<Object> batch;
          synchronized (this) {
            batch = takeAll();
          }
          wake.resolve(batch);
        } else if (failure != null && !cancelled) {
          wake.reject(failure);
        } else {
          wake.resolve(null);
        }
      }
      if (done != null) done.resolve(null);
    }

    /** Takes every buffered item and wakes a waiting producer. Call holding the monitor. */
    private List<Object> takeAll() {
      List<Object> batch = new ArrayList<>(items.size());
      for (Object item; (item = items.poll()) != null; ) batch.add(item == NULL_ITEM ? null : item);
      notifyAll();
      return batch;
    }

    /**
     * JS's pull: an array of the items buffered, {@code null} at the end, the failure thrown,
     * or a Promise of one of those when nothing is buffered yet. Thread: the JS thread.
     */
    Object pull(Env js) throws Exception {
      List<Object> batch;
      Deferred pending;
      synchronized (this) {
        if (!items.isEmpty()) {
          batch = takeAll();
          pending = null;
        } else if (ended || cancelled) {
          if (failure != null && !cancelled) {
            Throwable thrown = failure;
            failure = null; // thrown once
            if (thrown instanceof Exception e) throw e;
            throw (Error) thrown;
          }
          return null;
        } else {
          if (waiting != null) throw new IllegalStateException("a pull is already waiting");
          batch = null;
          waiting = pending = Deferred.create(js);
        }
      }
      if (pending != null) return pending.promise();
      requestMore();
      JsArray array = JsArray.create(js);
      for (int i = 0, n = batch.size(); i < n; i++) array.set(i, batch.get(i));
      return array;
    }

    /** Asks a publisher for as many items as the buffer has room for. */
    private void requestMore() {
      Flow.Subscription to;
      long more;
      synchronized (this) {
        to = subscription;
        more = capacity - items.size() - requested;
        if (to == null || more <= 0 || cancelled || ended) return;
        requested += more;
      }
      to.request(more);
    }

    /**
     * JS left the loop: stops the producer; a Promise settled once it has ended (at once if it
     * has). Thread: the JS thread.
     */
    Object cancel(Env js) {
      Deferred done = null;
      if (stop()) {
        synchronized (this) {
          if (!ended) closed = done = Deferred.create(js);
        }
      }
      if (done != null) return done.promise();
      return js.undefined();
    }

    /** The JS iterable was collected: the producer is stopped. Thread: the cleaner's. */
    void abandon() {
      stop();
    }

    /** Stops the producer; whether it was still running. */
    private boolean stop() {
      Thread thread;
      Flow.Subscription to;
      Runnable action;
      boolean running;
      synchronized (this) {
        if (cancelled) return !ended;
        cancelled = true;
        running = !ended;
        thread = producer;
        to = subscription;
        action = running ? onStop : null;
        items.clear();
        notifyAll();
      }
      if (thread != null) thread.interrupt();
      if (action != null) action.run();
      if (to != null) {
        to.cancel();
        end(null); // a publisher owes nothing more once cancelled
      }
      return running;
    }
  }
}
