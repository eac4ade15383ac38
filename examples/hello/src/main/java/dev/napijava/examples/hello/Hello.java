package dev.napijava.examples.hello;

import dev.napijava.Addon;
import dev.napijava.Env;
import dev.napijava.value.JsObject;

/** The smallest napi-java addon: one function, {@code hello(name)}. */
public final class Hello implements Addon {
  @Override
  public void init(Env env, JsObject exports) {
    exports.setFunction("hello", call -> "Hello, " + call.string(0) + ", from Java "
        + Runtime.version().feature() + " inside Node " + call.env().global().get("process")
            .as(JsObject.class).getString("version"), "name");
  }
}
