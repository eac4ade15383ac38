package dev.napijava;

import dev.napijava.internal.NodeEnv;
import java.util.Objects;
import java.util.function.Function;

/**
 * One value per env (the main thread and each worker thread), like {@link ThreadLocal} for
 * Node-API instance data, or neon's {@code LocalKey}. The value is made by the initial function
 * the first time {@link #get} runs in an env, and dropped when that env is torn down; if it is
 * {@link AutoCloseable}, it is closed then, on the env's JS thread. Keep per-env state here,
 * never in a static: statics are shared by every env of the process.
 *
 * <p>Thread: {@link #withInitial} on any thread (an EnvLocal is usually a static constant);
 * {@link #get} on the JS thread of the env only.
 */
public final class EnvLocal<T> {
  private final Function<Env, ? extends T> initial;

  private EnvLocal(Function<Env, ? extends T> initial) {
    this.initial = initial;
  }

  /** A key whose value in each env is {@code initial.apply(env)}, made at first use. Thread: any. */
  public static <T> EnvLocal<T> withInitial(Function<Env, ? extends T> initial) {
    return new EnvLocal<>(Objects.requireNonNull(initial));
  }

  /** The value of {@code env}, made now if this is the first call in that env. Thread: the JS thread of env. */
  public T get(Env env) {
    return ((NodeEnv) env).local(this, initial::apply);
  }
}
