package dev.napijava.tests;

import dev.napijava.Addon;
import dev.napijava.Env;
import dev.napijava.value.JsArray;
import dev.napijava.value.JsNumber;
import dev.napijava.value.JsObject;
import java.util.ArrayList;
import java.util.List;

/** Test addon: objects and arrays, property access both ways. */
public final class Objects implements Addon {
  @Override
  public void init(Env env, JsObject exports) {
    exports.setFunction("makePerson", call -> {
      JsObject person = call.env().object();
      person.set("name", call.string(0)).set("age", call.number(1)).set("tags", List.of("a", "b"));
      return person;
    }, "name", "age");
    exports.setFunction("describe", call -> {
      JsObject person = call.object(0);
      return person.getString("name") + " is " + (int) person.getNumber("age");
    }, "person");
    exports.setFunction("get", call -> call.object(0).get(call.string(1)), "object", "key");
    exports.setFunction("set", call -> call.object(0).set(call.string(1), call.arg(2)), "object", "key", "value");
    exports.setFunction("has", call -> call.object(0).has(call.string(1)), "object", "key");
    exports.setFunction("hasOwn", call -> call.object(0).hasOwn(call.string(1)), "object", "key");
    exports.setFunction("delete", call -> call.object(0).delete(call.string(1)), "object", "key");
    exports.setFunction("getByKey", call -> call.object(0).get(call.arg(1)), "object", "key");
    exports.setFunction("keys", call -> {
      JsArray keys = call.object(0).keys();
      List<String> names = new ArrayList<>();
      for (int i = 0; i < keys.length(); i++) names.add(keys.get(i).coerceToString());
      return String.join(",", names);
    }, "object");
    exports.setFunction("sum", call -> {
      JsArray numbers = call.array(0);
      double sum = 0;
      for (int i = 0; i < numbers.length(); i++) sum += numbers.get(i).as(JsNumber.class).value();
      return sum;
    }, "numbers");
    exports.setFunction("reverse", call -> {
      JsArray input = call.array(0);
      JsArray output = call.env().array();
      int n = input.length();
      for (int i = 0; i < n; i++) output.set(i, input.get(n - 1 - i));
      return output;
    }, "array");
    exports.setFunction("globalLookup", call -> call.env().global().get(call.string(0)), "name");
    exports.setFunction("isInstance", call -> call.object(0).isInstanceOf(call.function(1)), "object", "ctor");
  }
}
