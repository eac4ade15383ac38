package dev.napijava.internal;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live envs. Node runs one env per JS thread, so the env of an upcall is the env of the
 * current thread. An env is closed by its Node-API cleanup hook (worker exit, process exit).
 */
final class Envs {
  private static final ThreadLocal<NodeEnv> CURRENT = new ThreadLocal<>();
  private static final Map<Long, NodeEnv> BY_ID = new ConcurrentHashMap<>();
  private static final AtomicLong IDS = new AtomicLong();
  private static final MemorySegment CLEANUP = Upcalls.stub(MethodHandles.lookup(), "cleanup",
      FunctionDescriptor.ofVoid(JAVA_LONG));

  private Envs() {}

  /** The env of the calling JS thread, or null on any other thread. */
  static NodeEnv current() {
    return CURRENT.get();
  }

  /**
   * The env of this JS thread, created at its first bind. Its id is the env's Node-API instance
   * data, so a later bind of the same {@code napi_env} finds it again; its cleanup hook retires it.
   */
  static NodeEnv bind(MemorySegment napiEnv) {
    Errors.preload();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment data = arena.allocate(ADDRESS);
      if (NodeCalls.call(NodeCalls.GET_INSTANCE_DATA, napiEnv.address(), data.address()) == 0) {
        NodeEnv known = BY_ID.get(data.get(ADDRESS, 0).address());
        if (known != null && !known.isClosed()) {
          CURRENT.set(known);
          return known;
        }
      }
    }
    NodeEnv env = new NodeEnv(napiEnv, Thread.currentThread());
    long id = IDS.incrementAndGet();
    BY_ID.put(id, env);
    env.check(NodeCalls.call(NodeCalls.SET_INSTANCE_DATA, napiEnv.address(), id, 0, 0));
    env.check(NodeCalls.call(NodeCalls.ADD_ENV_CLEANUP_HOOK, napiEnv.address(), CLEANUP.address(), id));
    CURRENT.set(env);
    return env;
  }

  /** The env cleanup hook: runs the env's cleanup actions and retires it. */
  private static void cleanup(long data) {
    if (data == 0) return; // see Upcalls.stub
    try {
      NodeEnv env = BY_ID.remove(data);
      if (env == null) return;
      if (CURRENT.get() == env) CURRENT.remove();
      env.close();
    } catch (Throwable t) {
      Errors.report(Errors.IN_ENV_CLEANUP, t);
    }
  }
}
