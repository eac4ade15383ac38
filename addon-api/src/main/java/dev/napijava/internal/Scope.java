package dev.napijava.internal;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;

import dev.napijava.EscapableHandleScope;
import dev.napijava.value.JsValue;
import java.lang.foreign.MemorySegment;

/** A (possibly escapable) handle scope. */
public final class Scope implements EscapableHandleScope {
  private final NodeEnv env;
  private final boolean escapable;
  private final MemorySegment scope;
  private boolean closed;

  Scope(NodeEnv env, boolean escapable) {
    this.env = env;
    this.escapable = escapable;
    MemorySegment out = env.out();
    env.check(escapable
        ? napi_open_escapable_handle_scope(env.napi(), out)
        : napi_open_handle_scope(env.napi(), out));
    this.scope = out.get(ADDRESS, 0);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends JsValue> T escape(T value) {
    if (!escapable) throw new IllegalStateException("this handle scope is not escapable");
    MemorySegment out = env.out();
    env.check(napi_escape_handle(env.napi(), scope, value.handle(), out));
    return (T) JsValue.wrap(env, out.get(ADDRESS, 0));
  }

  @Override
  public void close() {
    if (closed) return;
    env.checkThread();
    closed = true;
    if (env.isClosed()) return;
    env.check(escapable
        ? napi_close_escapable_handle_scope(env.napi(), scope)
        : napi_close_handle_scope(env.napi(), scope));
  }
}
