package {{javaPackage}};

import dev.napijava.Addon;
import dev.napijava.Env;
import dev.napijava.value.JsObject;

/** The {{name}} addon: its functions are the exports of {@code require('{{name}}')}. */
public final class {{className}} implements Addon {
  /** Called on each JS thread (main or worker) that loads the addon, on that thread. */
  @Override
  public void init(Env env, JsObject exports) {
    // The names after the lambda name the arguments in TypeErrors:
    // hello(): argument 'name' (#1) must be a string, got number
    exports.setFunction("hello", call -> "Hello, " + call.string(0) + ", from Java " + Runtime.version().feature(), "name");
    exports.setFunction("add", call -> call.number(0) + call.number(1), "a", "b");
  }
}
