package dev.napijava.internal;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;

import dev.napijava.value.JsFunction;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsString;
import java.lang.foreign.MemorySegment;

/**
 * The async context of a JS call, kept so that JS code that Java runs later (an async task's
 * callback, a queued closure) runs in it: {@code AsyncLocalStorage.getStore()} there returns
 * what it returned in the call, and {@code async_hooks} sees an async resource of the given
 * type ({@code init} when it is made, {@code before}/{@code after} around each later run,
 * {@code destroy} when it is closed).
 *
 * <p>Where {@code AsyncLocalStorage} lives in async hooks (Node 18 to 22), it is made with
 * {@code napi_async_init} (Node makes the resource object, and keeps it with the context), and
 * {@link #run} opens a {@code napi_callback_scope} over it ({@code napi_open_callback_scope},
 * whose resource argument Node ignores), which Node closes like the scope of a
 * {@code MakeCallback}. Where it lives in async context frames (Node 24 and
 * newer, Node 22 with {@code --experimental-async-context-frame}, Bun, Deno), a
 * {@code napi_async_context} does not carry the frame (its scope even clears it): there the
 * context is a JS {@code AsyncResource} of the type, and {@link #run} runs Java through its
 * {@code runInAsyncScope}.
 *
 * <p>Thread: every method on the JS thread of the env.
 */
public final class AsyncContext implements AutoCloseable {
  private static final Object FRAMES = new Object();

  /**
   * How an env's runtime keeps {@code AsyncLocalStorage}: with {@code asyncResource} non-null,
   * in async context frames, entered through a JS {@code AsyncResource} and {@code trampoline},
   * which runs {@code pending}.
   */
  private static final class Frames {
    final OwnedRef<JsFunction> asyncResource;
    final OwnedRef<JsFunction> runInAsyncScope;
    final OwnedRef<JsFunction> emitDestroy;
    final OwnedRef<JsFunction> trampoline;
    Runnable pending;

    Frames(NodeEnv env) {
      JsFunction type = usesFrames(env) ? asyncResourceClass(env) : null;
      JsObject prototype = type == null ? null : type.get("prototype").as(JsObject.class);
      asyncResource = type == null ? null : new OwnedRef<>(type);
      runInAsyncScope = type == null ? null : new OwnedRef<>(prototype.get("runInAsyncScope").as(JsFunction.class));
      emitDestroy = type == null ? null : new OwnedRef<>(prototype.get("emitDestroy").as(JsFunction.class));
      trampoline = type == null ? null : new OwnedRef<>(env.function("napi-java async context", call -> {
        Runnable body = pending;
        pending = null;
        body.run();
        return null;
      }));
    }
  }

  private final NodeEnv env;
  /** The JS AsyncResource where frames are used; else null. */
  private final OwnedRef<JsObject> resource;
  private final Frames frames;
  /** The napi async context; NULL where frames are used; null once closed. */
  private MemorySegment context;

  private AsyncContext(NodeEnv env, OwnedRef<JsObject> resource, MemorySegment context, Frames frames) {
    this.env = env;
    this.resource = resource;
    this.context = context;
    this.frames = frames;
  }

  /**
   * The async context of the running JS code, as a resource of type {@code name}. Thread: the
   * JS thread of {@code env}.
   */
  public static AsyncContext capture(NodeEnv env, String name) {
    MemorySegment napiEnv = env.napi();
    Frames frames = env.local(FRAMES, Frames::new);
    if (frames.asyncResource != null) {
      JsObject resource = frames.asyncResource.get().construct(name);
      return new AsyncContext(env, new OwnedRef<>(resource), MemorySegment.NULL, frames);
    }
    MemorySegment type = JsString.of(env, name).handle();
    MemorySegment out = env.out();
    env.check(napi_async_init(napiEnv, MemorySegment.NULL, type, out));
    MemorySegment context = out.get(ADDRESS, 0);
    return new AsyncContext(env, null, context, frames);
  }

  /**
   * Whether {@code AsyncLocalStorage} lives in async context frames here (Node 24 and newer,
   * Node 22 with {@code --experimental-async-context-frame}, Bun and Deno).
   */
  private static boolean usesFrames(NodeEnv env) {
    try {
      JsObject process = env.global().get("process").as(JsObject.class);
      JsObject versions = process.get("versions").as(JsObject.class);
      if (versions.has("bun") || versions.has("deno")) return true;
      String node = versions.getString("node");
      int major = Integer.parseInt(node.substring(0, node.indexOf('.')));
      String flags = process.get("execArgv").coerceToString() + " "
          + (process.get("env") instanceof JsObject vars && vars.get("NODE_OPTIONS") instanceof JsString options ? options.value() : "");
      if (flags.contains("--no-async-context-frame")) return false;
      return major >= 24 || flags.contains("--experimental-async-context-frame");
    } catch (RuntimeException e) { // no process object, or an odd one: napi's context alone
      return false;
    }
  }

  private static JsFunction asyncResourceClass(NodeEnv env) {
    try {
      JsObject hooks = env.require("node:async_hooks").as(JsObject.class);
      return hooks.get("AsyncResource") instanceof JsFunction type ? type : null;
    } catch (RuntimeException e) { // loaded without napi-java's loader (no require), or no AsyncResource
      return null;
    }
  }

  /**
   * Runs {@code body} in this context. An exception of {@code body} is rethrown (where frames
   * are used, as the {@link dev.napijava.JsException} of its JS error). A closed context runs
   * {@code body} as it is. Thread: the JS thread.
   */
  public void run(Runnable body) {
    if (context == null || env.isClosed()) {
      body.run();
      return;
    }
    if (frames.asyncResource == null) {
      inScope(body);
      return;
    }
    frames.pending = body;
    try {
      frames.runInAsyncScope.get().callWith(resource.get(), frames.trampoline.get());
    } catch (RuntimeException e) {
      if (frames.pending == null) { // the body ran
        if (env.cannotRunJs()) return; // JS stopped under it (a teardown): the body has found out
        throw e; // thrown by the body
      }
      frames.pending = null;
      body.run(); // the scope could not be entered (JS is stopping): the body finds out itself
    }
  }

  private void inScope(Runnable body) {
    MemorySegment napiEnv = env.napi();
    MemorySegment out = env.out();
    env.check(napi_open_callback_scope(napiEnv, MemorySegment.NULL, context, out));
    MemorySegment scope = out.get(ADDRESS, 0);
    try {
      body.run();
    } finally {
      // A failure to close (JS can no longer run: the env is going) is ignored.
      if (!env.isClosed()) napi_close_callback_scope(env.napi(), scope);
    }
  }

  /** Whether {@link #close} ran. Thread: the JS thread. */
  public boolean isClosed() {
    return context == null;
  }

  /**
   * Ends the resource ({@code async_hooks} sees {@code destroy}). Twice does nothing; nothing
   * once the env is torn down; never throws (while the env is being torn down, JS can no longer
   * run and the resource goes with the env). Thread: the JS thread.
   */
  @Override
  public void close() {
    MemorySegment closing = context;
    context = null;
    if (closing == null || env.isClosed()) return;
    try {
      if (frames.asyncResource == null) {
        napi_async_destroy(env.napi(), closing);
      } else {
        frames.emitDestroy.get().callWith(resource.get());
        resource.delete();
      }
    } catch (RuntimeException e) {
      // JS cannot run any more (a teardown under way): nothing is left to tell
    }
  }
}
