package dev.napijava.value;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;

import dev.napijava.Env;
import dev.napijava.JsCallback;
import dev.napijava.internal.Functions;
import dev.napijava.internal.NodeEnv;
import java.lang.foreign.MemorySegment;

/**
 * A JS function: one written in JS, or one whose body is Java ({@link #of}).
 *
 * <p>Thread: the JS thread of its env.
 */
public final class JsFunction extends JsObject {
  JsFunction(NodeEnv env, MemorySegment handle) {
    super(env, handle);
  }

  /**
   * A JS function named {@code name} that runs {@code body}. {@code params} name its parameters
   * for error messages ({@code "name?"} optional, {@code "...rest"} variadic); a call with more
   * arguments than parameters throws a {@code TypeError}.
   * Thread: the JS thread of {@code env}.
   */
  public static JsFunction of(Env env, String name, JsCallback body, String... params) {
    NodeEnv node = (NodeEnv) env;
    return new JsFunction(node, Functions.create(node, name, body, params));
  }

  /** Calls this function with {@code this} undefined; arguments converted by {@link Env#toJs}. */
  public JsValue call(Object... args) {
    return callWith(null, args);
  }

  /**
   * Calls this function with {@code thisArg} (null: undefined) and {@code args} converted by
   * {@link Env#toJs}. A JS exception becomes {@link dev.napijava.JsException}.
   */
  public JsValue callWith(JsValue thisArg, Object... args) {
    MemorySegment receiver = thisArg == null ? env.undefinedHandle() : thisArg.handle();
    MemorySegment argv = env.argv(args);
    MemorySegment out = env.out();
    env.check(napi_call_function(env.napi(), receiver, handle, args.length, argv, out));
    return wrap(env, out.get(ADDRESS, 0));
  }

  /** {@code new this(...args)}. */
  public JsObject construct(Object... args) {
    MemorySegment argv = env.argv(args);
    MemorySegment out = env.out();
    env.check(napi_new_instance(env.napi(), handle, args.length, argv, out));
    return (JsObject) wrap(env, out.get(ADDRESS, 0));
  }

  @Override
  public String typeName() {
    return "function";
  }
}
