package dev.napijava.internal;

import static dev.napijava.bindings.NodeApi.napi_adjust_external_memory;

import dev.napijava.Channel;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * Tells V8 when the Java heap fills, so that V8 collects the JS functions that keep Java
 * objects alive. A Java function's closure may hold megabytes of Java memory that V8 cannot
 * see: without help V8 never collects the small JS wrappers, their finalizers never free the
 * Java bodies, and the Java heap runs out while V8 sees no reason to collect.
 *
 * <p>Each Java function is charged to V8 as {@link #FUNCTION_CHARGE} bytes of external memory
 * ({@code napi_adjust_external_memory}) for its life, in batches of {@value #CHECK_EVERY}. And when the Java heap's old generation
 * passes a mark ({@link #FIRST_MARK} of the heap at first), V8 is prompted to collect: a pulse
 * of external memory (reported and at once given back) that is far above V8's limit makes it
 * run a full GC. The check runs on the JS thread at every {@value #CHECK_EVERY}th Java function
 * made, and after every Java GC (then the prompt reaches each env with Java functions through
 * its channel). After a prompt the mark moves halfway to the heap's limit, so a program whose
 * Java heap is legitimately full prompts a few times per Java old-generation cycle, not at
 * every check; a Java GC that leaves the old generation below the first mark resets it. An env
 * hears of Java GCs from its first check on (its channel is made then, not at start-up): until
 * it has made {@value #CHECK_EVERY} Java functions, it has too few to matter. Until the JMX
 * pools are found (on a thread of their own at the first check) the check reads the whole
 * heap's use instead, and a check that finds the old generation below the first mark resets
 * the mark itself, so neither start-up nor a late GC notification leaves the heap unwatched.
 *
 * <p>The V8 collection that a pulse runs is synchronous, but Node runs the finalizers of the
 * functions it collected only between tasks, while a JS loop may go on making functions. So
 * right after the pulse the Java bodies of the collected functions are let go of on the JS
 * thread ({@link Functions#dropCollected}, through each function's weak reference): the Java
 * memory they held is garbage before the Java work that follows allocates, whenever the
 * finalizers run.
 *
 * <p>Not helped: cycles through a strong {@link dev.napijava.JsRef} (see there). Thread: {@link #watch}, {@link #made}
 * and {@link #freed} on the JS thread; the listener on the JMX notification thread.
 */
public final class JavaHeapPressure {
  /** External memory charged to V8 per Java function: its entry, closure and wrapper, roughly. */
  static final long FUNCTION_CHARGE = 1024;
  /** The first mark, as a fraction of the heap's limit. */
  static final double FIRST_MARK = 0.5;
  /** Java functions made between two checks on the JS thread. */
  static final int CHECK_EVERY = 8;
  /** The pulse: beyond any external memory limit of V8, so that it collects at once. */
  private static final long PULSE = 1L << 40;
  private static final Object KEY = new Object();
  private static final Set<Watch> WATCHES = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean INSTALLED = new AtomicBoolean();
  private static final long MAX = java.lang.Runtime.getRuntime().maxMemory();
  /** The old generation's pools (those with a usage threshold: not eden, not survivors); set by {@link #install}. */
  private static volatile List<MemoryPoolMXBean> old = List.of();
  private static volatile Set<String> oldNames = Set.of();
  /** Old generation bytes from which V8 is prompted. */
  private static volatile long mark = (long) (MAX * FIRST_MARK);

  private JavaHeapPressure() {}

  /** One env: prompts its isolate on its JS thread. */
  private static final class Watch implements AutoCloseable {
    private final NodeEnv env;
    /** Made at the first check, not with the env's first function: a channel costs start-up. */
    private volatile Channel channel;
    private final AtomicBoolean pending = new AtomicBoolean();
    private int made; // JS thread only
    /** Functions made and not yet charged to V8 (fewer than {@value #CHECK_EVERY}); JS thread only. */
    private int uncharged;

    Watch(NodeEnv env) {
      this.env = env;
    }

    void prompt() {
      Channel channel = this.channel;
      if (channel != null && pending.compareAndSet(false, true)) {
        channel.send(jsEnv -> {
          pending.set(false);
          pulse(env);
          return null;
        });
      }
    }

    @Override
    public void close() {
      WATCHES.remove(this);
    }
  }

  /** Makes {@code env} hear of Java heap pressure from now on (once per env). Thread: the JS thread. */
  static void watch(NodeEnv env) {
    Watch watch = watchOf(env);
    if (INSTALLED.compareAndSet(false, true)) {
      // JMX takes tens of milliseconds to start: not on the JS thread, not before the first call.
      Thread.ofPlatform().daemon(true).name("napi-java heap watch").start(JavaHeapPressure::install);
    }
    if (++watch.made % CHECK_EVERY != 0) return;
    if (watch.channel == null) {
      try {
        watch.channel = Channel.of(env);
      } catch (RuntimeException | LinkageError e) {
        // best effort: the function is made all the same, and the next check tries again
      }
    }
    long used = oldUsed();
    if (used < (long) (MAX * FIRST_MARK)) {
      mark = (long) (MAX * FIRST_MARK); // a Java GC freed the heap: do not wait for its notification
    } else if (used > mark) {
      raiseMark(used);
      pulse(env);
    }
  }

  /**
   * Charges V8 for a Java function made (after {@link #watch}), {@value #CHECK_EVERY} functions
   * at a time: a downcall less per function, and none at all (nor its signature linked) for an
   * addon of a few functions. Thread: the JS thread of {@code env}.
   */
  static void made(NodeEnv env) {
    Watch watch = watchOf(env);
    if (++watch.uncharged == CHECK_EVERY) {
      watch.uncharged = 0;
      napi_adjust_external_memory(env.raw(), CHECK_EVERY * FUNCTION_CHARGE, env.out());
    }
  }

  /** Gives back the charge of a Java function collected (or one not charged yet). Thread: the JS thread of {@code env}. */
  static void freed(NodeEnv env) {
    Watch watch = watchOf(env);
    if (watch.uncharged > 0) {
      watch.uncharged--;
    } else {
      napi_adjust_external_memory(env.raw(), -FUNCTION_CHARGE, env.out());
    }
  }

  private static Watch watchOf(NodeEnv env) {
    return env.local(KEY, JavaHeapPressure::newWatch);
  }

  private static Watch newWatch(NodeEnv env) {
    Watch made = new Watch(env);
    WATCHES.add(made);
    return made;
  }

  /** Makes V8 collect now: external memory far above its limit, given back at once. Thread: the JS thread. */
  private static void pulse(NodeEnv env) {
    if (env.isClosed()) return;
    napi_adjust_external_memory(env.raw(), PULSE, env.out());
    napi_adjust_external_memory(env.raw(), -PULSE, env.out());
    Functions.dropCollected(env);
  }

  /** The old generation's use; the whole heap's until {@link #install} has found the pools. */
  private static long oldUsed() {
    List<MemoryPoolMXBean> pools = old;
    if (pools.isEmpty()) {
      java.lang.Runtime runtime = java.lang.Runtime.getRuntime();
      return runtime.totalMemory() - runtime.freeMemory();
    }
    long used = 0;
    for (MemoryPoolMXBean pool : pools) used += pool.getUsage().getUsed();
    return used;
  }

  private static void raiseMark(long used) {
    mark = Math.max(mark, used + (MAX - used) / 2);
  }

  private static void install() {
    try {
      List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isUsageThresholdSupported())
          .toList();
      oldNames = pools.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toUnmodifiableSet());
      old = pools;
      for (var collector : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (collector instanceof NotificationEmitter emitter) {
          emitter.addNotificationListener((notification, handback) -> afterGc(notification), null, null);
        }
      }
    } catch (Throwable t) {
      Errors.report("starting the Java heap watch", t);
    }
  }

  /** A GC notification: the old generation after it decides whether V8 is prompted. */
  private static void afterGc(Notification notification) {
    try {
      if (!(notification.getUserData() instanceof CompositeData data)
          || !(data.get("gcInfo") instanceof CompositeData info)
          || !(info.get("memoryUsageAfterGc") instanceof TabularData after)) {
        return;
      }
      long used = 0;
      for (Object row : after.values()) {
        CompositeData pool = (CompositeData) row;
        if (oldNames.contains(pool.get("key"))) used += MemoryUsage.from((CompositeData) pool.get("value")).getUsed();
      }
      long first = (long) (MAX * FIRST_MARK);
      if (used < first) {
        mark = first;
      } else if (used > mark) {
        raiseMark(used);
        for (Watch watch : WATCHES) watch.prompt();
      }
    } catch (Throwable t) {
      Errors.report("the Java heap pressure listener", t);
    }
  }
}
