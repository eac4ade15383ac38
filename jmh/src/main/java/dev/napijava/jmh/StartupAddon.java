package dev.napijava.jmh;

import dev.napijava.Addon;
import dev.napijava.Env;
import dev.napijava.value.JsObject;

/**
 * The addon of the start-up row of {@code compare.mjs}: one function, {@code noop}, the
 * counterpart of java-bridge importing {@link BridgeTarget} and calling its {@code noop}. Loaded
 * with {@code load(jar, { addon: 'dev.napijava.jmh.StartupAddon' })}.
 *
 * <p>Threads: {@code init} and {@code noop} run on the JS thread that loaded it.
 */
public final class StartupAddon implements Addon {
  @Override
  public void init(Env env, JsObject exports) {
    exports.setFunction("noop", call -> null);
  }
}
