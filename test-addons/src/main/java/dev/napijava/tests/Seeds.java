package dev.napijava.tests;

import dev.napijava.Addon;
import dev.napijava.Env;
import dev.napijava.value.JsObject;
import java.util.Locale;

/** The seed examples, ported to Java. */
public final class Seeds implements Addon {
  private static final double TAX_RATE = 0.20;

  @Override
  public void init(Env env, JsObject exports) {
    // processUserData(username, callback): the callback's result for the upper-cased name.
    exports.setFunction("processUserData", call -> {
      String username = call.string(0);
      return call.function(1).call(username.toUpperCase(Locale.ROOT));
    }, "username", "callback");
    // calculateSalary(baseAmount, callback): callback(base, tax, department).
    exports.setFunction("calculateSalary", call -> {
      double base = call.number(0);
      return call.function(1).call(base, base * TAX_RATE, "Engineering");
    }, "baseAmount", "callback");
  }
}
