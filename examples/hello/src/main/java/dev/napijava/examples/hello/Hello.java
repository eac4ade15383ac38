package dev.napijava.examples.hello;

import dev.napijava.Addon;
import dev.napijava.Env;
import dev.napijava.JsExport;
import dev.napijava.value.JsObject;

/**
 * The smallest napi-java addon: one typed function, {@code hello(name)}. The {@code @JsExport}
 * processor generates {@code HelloExports} (the glue that checks and converts the argument) and
 * {@code Hello.d.ts} (its TypeScript declaration) at compile time.
 */
public final class Hello implements Addon {
  /** Greets {@code name} from Java, naming the Java and Node versions. */
  @JsExport
  public static String hello(String name, Env env) {
    String node = env.global().get("process").as(JsObject.class).getString("version");
    return "Hello, " + name + ", from Java " + Runtime.version().feature() + " inside Node " + node;
  }

  @Override
  public void init(Env env, JsObject exports) {
    HelloExports.register(env, exports);
  }
}
