package dev.napijava.internal;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;

import dev.napijava.EscapableHandleScope;
import dev.napijava.value.JsValue;
import java.lang.foreign.MemorySegment;

/**
 * A (possibly escapable) handle scope. The open scopes of an env form a stack ({@link #outer});
 * closing one closes the scopes opened after it first, and a Java function that returns with
 * scopes still open has them closed for it ({@link NodeEnv#closeScopesAbove}).
 */
public final class Scope implements EscapableHandleScope {
  private final NodeEnv env;
  private final boolean escapable;
  private final MemorySegment scope;
  /** The scope that was innermost when this one opened (null: none of ours). */
  final Scope outer;
  private boolean closed;

  Scope(NodeEnv env, boolean escapable) {
    this.env = env;
    this.escapable = escapable;
    MemorySegment out = env.out();
    env.check(escapable
        ? napi_open_escapable_handle_scope(env.napi(), out)
        : napi_open_handle_scope(env.napi(), out));
    this.scope = out.get(ADDRESS, 0);
    this.outer = env.innermostScope;
    env.innermostScope = this;
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
    while (env.innermostScope != this && env.innermostScope != null) env.innermostScope.close(); // inner ones first
    closed = true;
    env.innermostScope = outer;
    if (env.isClosed()) return;
    env.check(escapable
        ? napi_close_escapable_handle_scope(env.napi(), scope)
        : napi_close_handle_scope(env.napi(), scope));
  }
}
