package dev.napijava;

import dev.napijava.internal.Errors;
import dev.napijava.internal.NodeEnv;
import dev.napijava.internal.JsQueue;
import dev.napijava.internal.JsThreadFuture;
import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs Java closures on the JS thread of an env, from any thread, in the order they were sent
 * (like neon's {@code Channel}). Each {@link #send} returns a future of the closure's result;
 * {@link #post} queues a closure without a result, and makes no future. Messages queue in Java
 * and one wake-up of the JS thread runs all that are waiting, inside one handle scope: a closure
 * that makes many JS values in a loop should open a scope of its own.
 *
 * <p>{@link #of(Env)} gives the env's shared channel, which does not keep Node alive;
 * {@link #open(Env)} a channel of its own, which keeps Node alive until {@link #unref()} or
 * {@link #close()}. When the env is torn down (worker terminated, process exiting) or the
 * channel is closed, the futures of messages that did not run, and of later sends, fail with a
 * {@link NapiException} of status {@link Status#CLOSING}.
 *
 * <p>Thread: {@link #send}, {@link #close} and {@link #isClosed} from any thread; {@link #ref}
 * and {@link #unref} from the JS thread of the env only.
 */
public final class Channel implements AutoCloseable {
  /** A closure that runs on the JS thread. Thread: called on the JS thread of the channel's env. */
  @FunctionalInterface
  public interface Task<T> {
    /** Runs on the JS thread inside a handle scope of its own. */
    T run(Env env) throws Exception;
  }

  /**
   * A closure without a result ({@link #post}). Thread: called on the JS thread of the channel's env.
   */
  @FunctionalInterface
  public interface Action {
    /** Runs on the JS thread inside the handle scope of its wake-up. */
    void run(Env env) throws Exception;
  }

  /**
   * A queued item of this package that is neither a {@link Task} nor an {@link Action} (an async
   * task's outcome): it is told whether it ran or was dropped.
   */
  interface Item {
    /** Runs on the JS thread; false (the item unsettled) if it failed because JS can no longer run. */
    boolean run(NodeEnv env);

    /** The item will never run: the channel closed or its env is torn down. Thread: any thread. */
    void drop();
  }

  /** One queued closure; it is also the future of its result (one object per message). */
  private static final class Message<T> extends JsThreadFuture<T> implements Item {
    private final Task<T> task;

    Message(Env env, Task<T> task) {
      super(env);
      this.task = task;
    }

    @Override
    public boolean run(NodeEnv env) {
      try {
        complete(task.run(env));
      } catch (Throwable t) {
        if (env.cannotRunJs()) return false;
        completeExceptionally(t);
      }
      return true;
    }

    @Override
    public void drop() {
      completeExceptionally(closing());
    }
  }

  private static final Object SHARED = new Object();

  private final NodeEnv env;
  /** {@link Item}s and {@link Action}s: an action is queued as it is, with no object around it. */
  private final JsQueue<Object> queue;
  private final AtomicBoolean closed = new AtomicBoolean();
  private boolean referenced;
  private int holds;

  private Channel(NodeEnv env, boolean referenced, String name) {
    this.env = env;
    // A channel of its own runs its closures in the async context of the call that opened it;
    // the shared one, made at whichever call needed it first, in none of its own.
    this.queue = new JsQueue<>(env, MemorySegment.NULL, name, 0, new JsQueue.Receiver<>() {
      @Override
      public boolean deliver(NodeEnv jsEnv, MemorySegment jsCallback, Object item) {
        return item instanceof Item queued ? queued.run(jsEnv) : runAction(jsEnv, (Action) item);
      }

      @Override
      public void dropped(Object item) {
        if (item instanceof Item queued) queued.drop();
      }

      @Override
      public void finalized(NodeEnv jsEnv) {
        closed.set(true);
      }
    }, referenced);
    this.referenced = true;
    if (!referenced) unref();
  }

  /**
   * A new channel to {@code env}'s JS thread; it keeps Node alive until unref'd or closed. Its
   * closures run in the async context of the JS call that opened it
   * ({@code AsyncLocalStorage.getStore()} returns what it returned there), and Node's
   * {@code async_hooks} see them as callbacks of a resource of type {@code "napi-java channel"}.
   * Thread: the JS thread.
   */
  public static Channel open(Env env) {
    return open(env, "napi-java channel");
  }

  /** {@link #open(Env)} with the async resource type {@code name}. Thread: the JS thread. */
  public static Channel open(Env env, String name) {
    return new Channel((NodeEnv) env, true, Objects.requireNonNull(name));
  }

  /**
   * The env's shared channel, made at the first call; it does not keep Node alive. Made at
   * whichever call needed it first, it has no defined async context (its closures may see the
   * {@code AsyncLocalStorage} store of that call, or none): work that must run in the context
   * of a JS call takes a channel of its own ({@link #open}). Thread: the JS thread.
   */
  public static Channel of(Env env) {
    return ((NodeEnv) env).local(SHARED, node -> new Channel(node, false, "napi-java channel"));
  }

  /** The env whose JS thread runs the messages. Thread: any thread. */
  public Env env() {
    return env;
  }

  /**
   * Queues {@code task} to run on the JS thread and returns its result or failure. Thread: any
   * thread. Sent from the JS thread itself, it runs later, not within this call; waiting for the
   * future there ({@code join}, {@code get}) throws {@link IllegalStateException}, since only
   * that thread can complete it.
   */
  public <T> CompletableFuture<T> send(Task<T> task) {
    Message<T> message = new Message<>(env, task);
    if (enqueue(message) != Status.OK) message.drop();
    return message;
  }

  /**
   * Queues {@code action} to run on the JS thread, without a result: nothing is made per call
   * but the queue's own node, so this is the cheap way to send many closures. Returns
   * {@link Status#OK}, or {@link Status#CLOSING} when the channel is closed or its env torn down
   * (the action will not run). An action still queued when the env is torn down is dropped
   * without a word. An exception that the action throws becomes an uncaught exception in Node
   * ({@code process.on('uncaughtException')}), as a throwing JS callback's would. Thread: any
   * thread; posted from the JS thread itself, it runs later, not within this call.
   */
  public Status post(Action action) {
    return enqueue(Objects.requireNonNull(action));
  }

  /** Queues an {@link Item} (which is told if it never runs) or an {@link Action}. Thread: any thread. */
  Status enqueue(Object item) {
    if (closed.get()) return Status.CLOSING;
    try {
      return queue.add(item, false);
    } catch (InterruptedException e) {
      throw new AssertionError("an unbounded queue waited", e);
    }
  }

  /** Runs a posted action; false if it failed because JS can no longer run. Thread: the JS thread. */
  private static boolean runAction(NodeEnv env, Action action) {
    try {
      action.run(env);
    } catch (Throwable t) {
      if (env.cannotRunJs()) return false;
      Errors.raiseUncaught(env, t);
    }
    return true;
  }

  /**
   * Runs {@code action} on the JS thread: now when called there, else as a message (dropped
   * if the channel or its env is closed). Thread: any thread.
   */
  void runOnJsThread(Runnable action) {
    if (env.isJsThread()) {
      action.run();
    } else {
      enqueue((Action) jsEnv -> {
        try {
          action.run();
        } catch (RuntimeException e) { // as a message's failure would: nobody waits for it
        }
      });
    }
  }

  private static NapiException closing() {
    return new NapiException(Status.CLOSING, "the channel is closed or its env is torn down");
  }

  /** Makes the channel keep Node alive. Thread: the JS thread of its env. */
  public void ref() {
    env.checkThread();
    referenced = true;
    update();
  }

  /** Lets Node exit while the channel is open. Thread: the JS thread of its env. */
  public void unref() {
    env.checkThread();
    referenced = false;
    update();
  }

  /** Keeps Node alive until the matching {@link #unhold}, whatever ref() says. Thread: the JS thread. */
  void hold() {
    env.checkThread();
    holds++;
    update();
  }

  /** Ends one {@link #hold}. Thread: the JS thread. */
  void unhold() {
    env.checkThread();
    holds--;
    update();
  }

  private void update() {
    if (!env.isClosed() && !queue.isGone()) queue.ref(referenced || holds > 0);
  }

  /** Whether the channel refuses new messages. Thread: any thread. */
  public boolean isClosed() {
    return closed.get() || queue.isGone();
  }

  /**
   * Closes the channel: messages already sent still run, later ones fail. Closing twice does
   * nothing. Thread: any thread.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) queue.release(false);
  }
}
