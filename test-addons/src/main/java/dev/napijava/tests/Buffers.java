package dev.napijava.tests;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;

import dev.napijava.Addon;
import dev.napijava.Env;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsTypedArray;
import java.lang.foreign.MemorySegment;

/** TypedArrays and Buffers read and written in place, without copies. */
public final class Buffers implements Addon {
  @Override
  public void init(Env env, JsObject exports) {
    exports.setFunction("sumFloat64", call -> {
      JsTypedArray array = call.typedArray(0);
      if (array.type() != JsTypedArray.Type.FLOAT64) throw call.typeError(0, "a Float64Array");
      MemorySegment data = array.segment();
      double sum = 0;
      for (long i = 0; i < array.length(); i++) sum += data.getAtIndex(JAVA_DOUBLE, i);
      return sum;
    }, "array");
    // fillBytes(array, value): writes every byte in place; JS sees the change.
    exports.setFunction("fillBytes", call -> {
      JsTypedArray array = call.typedArray(0);
      int value = call.int32(1);
      array.segment().fill((byte) value);
      return array.segment().byteSize();
    }, "array", "value");
    exports.setFunction("describe", call -> {
      JsTypedArray array = call.typedArray(0);
      return array.type().name() + ":" + array.length() + ":" + array.segment().byteSize();
    }, "array");
    exports.setFunction("firstByte", call -> (int) call.typedArray(0).segment().get(JAVA_BYTE, 0), "array");
  }
}
