package dev.napijava.tests;

import dev.napijava.Addon;
import dev.napijava.Env;
import dev.napijava.value.JsObject;

/** Test addon whose init fails, for the loader's error path. */
public final class InitThrows implements Addon {
  @Override
  public void init(Env env, JsObject exports) {
    throw new IllegalStateException("init refuses on purpose");
  }
}
