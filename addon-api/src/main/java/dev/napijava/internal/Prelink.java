package dev.napijava.internal;

import static dev.napijava.bindings.NodeApi.*;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Links, on a thread of its own, the Node-API downcalls that the first {@code load()} and the
 * first call of a function need, while the JS thread makes the upcall stubs ({@link
 * Errors#preload}). Linking a downcall spins classes (the FFM stub, its method handles) that no
 * AOT cache of JDK 25 keeps, and the JS thread would otherwise link them one after the other;
 * with two cores, both run at once. Each downcall is linked once per process by whichever thread
 * comes first (the JVM's class initialization makes the other wait), so nothing changes but the
 * order. They are taken in the reverse of the order in which the JS thread needs them, so that
 * the two threads meet in the middle. (Making the upcall stubs here too was measured, and added
 * memory: both threads then spin the same stub shapes.)
 *
 * <p>Thread: {@link #start} on the JS thread of the first env; the linking on its own daemon
 * thread, which ends when done.
 */
final class Prelink {
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private Prelink() {}

  /**
   * Starts the linking thread once per process. Called after the first upcall stub is made, so
   * that the FFM runtime's own classes are initialized by then and the two threads only meet on
   * the holder classes of single downcalls.
   */
  static void start() {
    if (!STARTED.compareAndSet(false, true)) return;
    try {
      Thread.ofPlatform().daemon(true).name("napi-java prelink").start(Prelink::link);
    } catch (Throwable t) {
      // no thread (out of memory, thread limit): the JS thread links each downcall at its first use
    }
  }

  private static void link() {
    try {
      napi_release_threadsafe_function$handle();
      napi_delete_reference$handle();
      napi_create_object$handle();
      napi_create_reference$handle();
      napi_get_value_string_utf16$handle();
      napi_set_named_property$handle();
      napi_adjust_external_memory$handle();
      napi_add_finalizer$handle();
      napi_create_function$handle();
      napi_unref_threadsafe_function$handle();
      napi_create_threadsafe_function$handle();
      napi_add_env_cleanup_hook$handle();
      napi_set_instance_data$handle();
      napi_get_instance_data$handle();
    } catch (Throwable t) {
      // the JS thread links what is missing at its first use, and reports a failure there
    }
  }
}
