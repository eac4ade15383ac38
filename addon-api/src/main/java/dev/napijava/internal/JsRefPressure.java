package dev.napijava.internal;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells Java when strong {@link dev.napijava.JsRef}s pile up, so that the ones dropped unclosed
 * are cleaned before V8's heap fills. A strong reference keeps its JS value (maybe megabytes)
 * alive until Java collects the dropped {@code JsRef} and its {@link Cleaner} posts the release;
 * the Java heap sees only a small object and may not collect for a long time, while V8 reaches
 * its heap limit and ends the process.
 *
 * <p>The measure counts the strong references open (made and not yet released, over every
 * env) and the lowest that count has been since the last GC it asked for (as V8 does for
 * external memory). When the count passes that low by {@value #MIN_GROWTH} or by half of it,
 * whichever is more, a daemon thread runs a Java GC ({@code System.gc()}); the references it
 * finds dropped are cleaned, which lowers the low again. A program that drops references
 * unclosed gets a GC per {@value #MIN_GROWTH} or so of them; one that keeps N open gets one
 * per N/2 new ones; one that closes its references never gets one. At most one such GC runs at
 * a time. Thread: any thread.
 */
public final class JsRefPressure {
  /** Growth of the open count over its low that asks for a GC, at least. */
  static final long MIN_GROWTH = 64;
  private static final Cleaner CLEANER = Cleaner.create();
  private static final AtomicLong OPEN = new AtomicLong();
  private static final AtomicLong LOW = new AtomicLong();
  private static final AtomicBoolean COLLECTING = new AtomicBoolean();

  private JsRefPressure() {}

  /** The cleaner of every {@code JsRef}. */
  public static Cleaner cleaner() {
    return CLEANER;
  }

  /** A strong reference was made. Thread: any. */
  public static void opened() {
    long open = OPEN.incrementAndGet();
    long low = LOW.get();
    if (open >= low + Math.max(MIN_GROWTH, low / 2) && COLLECTING.compareAndSet(false, true)) {
      LOW.set(open); // from now on, the low of this GC's outcome
      try {
        Thread.ofPlatform().daemon(true).name("napi-java JsRef collector").start(JsRefPressure::collect);
      } catch (Throwable t) { // no thread (OutOfMemoryError): try again at a later reference
        COLLECTING.set(false);
      }
    }
  }

  /** A strong reference was released (closed or cleaned). Thread: any. */
  public static void released() {
    long open = OPEN.decrementAndGet();
    LOW.accumulateAndGet(open, Math::min);
  }

  private static void collect() {
    try {
      System.gc();
    } catch (Throwable t) {
      // an OutOfMemoryError: a later reference asks again
    } finally {
      COLLECTING.set(false);
    }
  }
}
