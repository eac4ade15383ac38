package dev.napijava.tests;

import dev.napijava.Addon;
import dev.napijava.Env;
import dev.napijava.JsError;
import dev.napijava.JsException;
import dev.napijava.value.JsObject;

/** Test addon: errors both ways. */
public final class Errors implements Addon {
  @Override
  public void init(Env env, JsObject exports) {
    exports.setFunction("throwJava", call -> {
      throw new IllegalStateException(call.string(0));
    }, "message");
    exports.setFunction("throwWithCause", call -> {
      throw new RuntimeException("outer", new java.io.IOException("inner cause"));
    });
    exports.setFunction("throwTypeError", call -> {
      throw JsError.typeError(call.string(0));
    }, "message");
    exports.setFunction("throwRangeError", call -> {
      throw JsError.rangeError(call.string(0));
    }, "message");
    // Calls fn; a JS exception arrives in Java as JsException, and is described back to JS.
    exports.setFunction("catchJs", call -> {
      try {
        call.function(0).call();
        return "no exception";
      } catch (JsException e) {
        return "caught JsException: " + e.getMessage();
      }
    }, "fn");
    // Lets the JS exception pass through Java untouched: JS sees its own value again.
    exports.setFunction("passThrough", call -> call.function(0).call(), "fn");
    // The thrown value itself, caught in Java and returned.
    exports.setFunction("caughtValue", call -> {
      try {
        call.function(0).call();
        return null;
      } catch (JsException e) {
        return e.value();
      }
    }, "fn");
    exports.setFunction("jsStackSeen", call -> {
      try {
        call.function(0).call();
        return null;
      } catch (JsException e) {
        return e.jsStack();
      }
    }, "fn");
    exports.setFunction("nullPointer", call -> {
      Object nothing = null;
      return nothing.toString();
    });
    exports.setFunction("stackOverflow", call -> recurse(0));
    exports.setFunction("throwError", call -> {
      throw new AssertionError("an Error, not an Exception");
    });
    exports.setFunction("unconvertible", call -> new Object());
  }

  private static int recurse(int depth) {
    return recurse(depth + 1) + 1;
  }
}
