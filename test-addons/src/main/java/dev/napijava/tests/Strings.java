package dev.napijava.tests;

import dev.napijava.Addon;
import dev.napijava.Env;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsString;

/** Test addon: strings both ways. */
public final class Strings implements Addon {
  @Override
  public void init(Env env, JsObject exports) {
    exports.setFunction("echo", call -> call.string(0), "text");
    exports.setFunction("javaLength", call -> call.string(0).length(), "text");
    exports.setFunction("codeUnits", call -> {
      String text = call.string(0);
      Integer[] units = new Integer[text.length()];
      for (int i = 0; i < units.length; i++) units[i] = (int) text.charAt(i);
      return units;
    }, "text");
    exports.setFunction("fromCodeUnits", call -> {
      var units = call.array(0);
      char[] chars = new char[units.length()];
      for (int i = 0; i < chars.length; i++) chars[i] = (char) units.get(i).as(dev.napijava.value.JsNumber.class).value();
      return new String(chars);
    }, "units");
    exports.setFunction("repeat", call -> call.string(0).repeat(call.int32(1)), "text", "count");
    exports.setFunction("concat", call -> call.string(0) + call.string(1), "a", "b");
    exports.setFunction("upper", call -> call.string(0).toUpperCase(java.util.Locale.ROOT), "text");
    exports.setFunction("coerce", call -> call.arg(0).coerceToString(), "value");
    exports.setFunction("jsLength", call -> call.arg(0, JsString.class).length(), "text");
  }
}
