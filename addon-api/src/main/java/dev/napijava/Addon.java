package dev.napijava;

import dev.napijava.value.JsObject;

/**
 * A Java addon: the entry point that Node's {@code require('napi-java').load(jar)} calls.
 *
 * <p>Name the implementation in {@code META-INF/services/dev.napijava.Addon} or in the jar
 * manifest attribute {@code Napi-Java-Addon}. It needs a public no-argument constructor. One
 * instance is made per JS thread (main thread and each worker) that loads the jar; the classes of
 * a jar are loaded once per process, in a class loader of their own, so statics are shared by all
 * threads and must never hold JS values.
 *
 * <p>Thread: {@link #init} runs on the JS thread of {@code env}.
 */
public interface Addon {
  /**
   * Fills {@code exports}, the object that {@code load()} returns to JS.
   *
   * <p>Thread: the JS thread of {@code env}. An exception thrown here fails {@code load()} with
   * a JS error that carries it.
   */
  void init(Env env, JsObject exports) throws Exception;
}
