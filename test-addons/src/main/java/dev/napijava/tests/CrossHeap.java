package dev.napijava.tests;

import dev.napijava.Addon;
import dev.napijava.Env;
import dev.napijava.JsRef;
import dev.napijava.value.JsObject;
import java.util.Map;

/**
 * Garbage that spans both heaps: Java functions holding big Java arrays that only JS keeps
 * alive, references from Java to big JS values dropped unclosed, and JS object / Java function
 * pairs that point at each other.
 */
public final class CrossHeap implements Addon {
  private static final int MB = 1 << 20;

  @Override
  public void init(Env env, JsObject exports) {
    // holder(mb): a small JS function whose Java body holds an mb-megabyte Java array.
    exports.setFunction("holder", call -> {
      int mb = call.int32(0);
      if (mb < 0 || mb > 64) throw call.typeError(0, "a number of megabytes from 0 to 64");
      byte[] payload = new byte[mb * MB];
      return call.env().function("held", inner -> payload.length);
    }, "mb");

    // dropRef(value): a strong reference to value that Java drops without closing it.
    exports.setFunction("dropRef", call -> {
      JsRef.strong(call.object(0));
      return null;
    }, "object");

    // pairWeak(object): object.callback is a Java function that refers back to object through
    // a weak reference (the documented way to break a JS object <-> Java function cycle);
    // pairStrong(object): the same with a strong reference, a cycle no collector sees through.
    exports.setFunction("pairWeak", call -> pair(call.object(0), true), "object");
    exports.setFunction("pairStrong", call -> pair(call.object(0), false), "object");

    // javaHeap(): the Java heap's use and limit in MB, now.
    exports.setFunction("javaHeap", call -> {
      java.lang.Runtime runtime = java.lang.Runtime.getRuntime();
      return Map.of("usedMb", (runtime.totalMemory() - runtime.freeMemory()) / (double) MB,
          "maxMb", runtime.maxMemory() / (double) MB);
    });

    // stringLength(text): reads a JS string into Java.
    exports.setFunction("stringLength", call -> call.string(0).length(), "text");
  }

  private static JsObject pair(JsObject object, boolean weak) {
    JsRef<JsObject> back = weak ? JsRef.weak(object) : JsRef.strong(object);
    object.set("callback", object.env().function("callback", inner -> back.get() != null));
    return object;
  }
}
