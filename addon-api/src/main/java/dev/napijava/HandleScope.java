package dev.napijava;

/**
 * A Node-API handle scope, opened by {@link Env#openScope()}. JS values created while it is the
 * innermost open scope are released when it closes. Scopes close in the reverse order of opening.
 *
 * <p>Thread: the JS thread of its env.
 */
public sealed interface HandleScope extends AutoCloseable permits EscapableHandleScope {
  /** Closes the scope. Thread: the JS thread of its env. */
  @Override
  void close();
}
