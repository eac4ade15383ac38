package dev.napijava;

import dev.napijava.value.JsValue;

/**
 * A handle scope from which one value may escape into the enclosing scope, opened by
 * {@link Env#openEscapableScope()}.
 *
 * <p>Thread: the JS thread of its env.
 */
public sealed interface EscapableHandleScope extends HandleScope permits dev.napijava.internal.Scope {
  /** Returns a handle to {@code value} that stays valid in the enclosing scope; once only. */
  <T extends JsValue> T escape(T value);
}
