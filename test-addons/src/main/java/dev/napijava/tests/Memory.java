package dev.napijava.tests;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_CHAR;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.napijava.Addon;
import dev.napijava.CallInfo;
import dev.napijava.Env;
import dev.napijava.value.JsArray;
import dev.napijava.value.JsArrayBuffer;
import dev.napijava.value.JsBigInt;
import dev.napijava.value.JsBuffer;
import dev.napijava.value.JsDataView;
import dev.napijava.value.JsNumber;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsTypedArray;
import dev.napijava.value.JsValue;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test addon: memory shared with JS. Buffers, ArrayBuffers, every TypedArray kind and DataViews
 * made from Java by copy or over Java's off-heap memory (zero-copy, released when JS collects
 * them), and read in place.
 *
 * <p>Memory lent to JS is kept here by id while JS holds it (statics are process-wide, so a
 * worker's loans are seen from the main thread too).
 */
public final class Memory implements Addon {
  private static final Map<Integer, MemorySegment> LENT = new ConcurrentHashMap<>();
  private static final AtomicInteger IDS = new AtomicInteger();
  private static final AtomicInteger RELEASED = new AtomicInteger();

  @Override
  public void init(Env env, JsObject exports) {
    // lendBuffer(size, fill) / lendArrayBuffer(size, fill): { value, id } over Java's memory.
    exports.setFunction("lendBuffer", call -> lend(call, true), "size", "fill");
    exports.setFunction("lendArrayBuffer", call -> lend(call, false), "size", "fill");
    exports.setFunction("lendWithFailingRelease", call -> {
      int size = Args.inRange("lendWithFailingRelease", "size", call.int32(0), 0, 1 << 26);
      Arena arena = Arena.ofShared();
      MemorySegment memory = arena.allocate(size);
      return JsBuffer.of(call.env(), memory, () -> {
        arena.close();
        RELEASED.incrementAndGet();
        throw new IllegalStateException("this release action fails on purpose");
      });
    }, "size");
    exports.setFunction("lendHeapMemory", call -> JsBuffer.of(call.env(), MemorySegment.ofArray(new byte[4]), () -> {}));
    exports.setFunction("lendReadOnlyMemory", call -> JsArrayBuffer.of(call.env(), Arena.ofAuto().allocate(4).asReadOnly(), () -> {}));
    exports.setFunction("lendFreedMemory", call -> {
      MemorySegment memory;
      try (Arena arena = Arena.ofConfined()) {
        memory = arena.allocate(4);
      }
      return JsBuffer.of(call.env(), memory, () -> {});
    });
    // Java's view of lent memory: peek(id, index), poke(id, index, value); isLent(id).
    exports.setFunction("peek", call -> Byte.toUnsignedInt(lent(call).get(JAVA_BYTE, call.int32(1))), "id", "index");
    exports.setFunction("poke", call -> {
      lent(call).set(JAVA_BYTE, call.int32(1), (byte) call.int32(2));
      return null;
    }, "id", "index", "value");
    exports.setFunction("isLent", call -> LENT.containsKey(call.int32(0)), "id");
    exports.setFunction("released", call -> RELEASED.get());
    exports.setFunction("lentBytes", call -> JsArrayBuffer.lentBytes());

    // Copies and JS-owned memory.
    exports.setFunction("copyBuffer", call -> JsBuffer.copyOf(call.env(), call.string(0).getBytes(StandardCharsets.UTF_8)), "text");
    exports.setFunction("copyArrayBuffer", call -> JsArrayBuffer.copyOf(call.env(), new byte[] {1, 2, 3, (byte) 255}));
    exports.setFunction("copySegment", call -> {
      try (Arena arena = Arena.ofConfined()) { // freed right after the copy
        MemorySegment memory = arena.allocate(call.int32(0));
        memory.fill((byte) call.int32(1));
        return call.int32(2) == 0 ? JsBuffer.copyOf(call.env(), memory) : JsArrayBuffer.copyOf(call.env(), memory);
      }
    }, "size", "fill", "arrayBuffer");
    exports.setFunction("createBuffer", call -> JsBuffer.create(call.env(), call.int32(0)), "size");
    exports.setFunction("createArrayBuffer", call -> {
      JsArrayBuffer buffer = JsArrayBuffer.create(call.env(), call.int32(0));
      buffer.segment().set(JAVA_BYTE, 0, (byte) 42); // written in place before JS sees it
      return buffer;
    }, "size");

    // TypedArrays of every kind: typedArrayOf(kind, values) made by Java, elements(array) read by Java.
    exports.setFunction("typedArrayOf", call -> {
      JsTypedArray.Type type = call.enumValue(0, JsTypedArray.Type.class);
      JsArray values = call.array(1);
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment memory = arena.allocate((long) values.length() * type.bytes(), 8);
        for (int i = 0; i < values.length(); i++) write(memory, type, i, values.get(i));
        return JsTypedArray.copyOf(call.env(), type, memory);
      }
    }, "kind", "values");
    exports.setFunction("createTypedArray", call -> JsTypedArray.create(call.env(), call.enumValue(0, JsTypedArray.Type.class), call.int32(1)), "kind", "length");
    exports.setFunction("viewOf", call -> JsTypedArray.of(call.arrayBuffer(0), call.enumValue(1, JsTypedArray.Type.class),
        call.int32(2), call.int32(3)), "arrayBuffer", "kind", "byteOffset", "length");
    exports.setFunction("elements", call -> {
      JsTypedArray array = call.typedArray(0);
      MemorySegment memory = array.segment();
      List<Object> elements = new ArrayList<>();
      for (int i = 0; i < array.length(); i++) elements.add(read(memory, array.type(), i));
      return List.of(array.type().jsName(), elements);
    }, "array");
    exports.setFunction("toArray", call -> call.typedArray(0).toArray(), "array");
    exports.setFunction("bufferBytes", call -> call.buffer(0).toByteArray(), "buffer");
    exports.setFunction("fillBuffer", call -> {
      call.buffer(0).segment().fill((byte) call.int32(1));
      return null;
    }, "buffer", "value");

    // ArrayBuffers and DataViews in place; detached ones are TypeErrors.
    exports.setFunction("arrayBufferLength", call -> call.arrayBuffer(0).segment().byteSize(), "arrayBuffer");
    exports.setFunction("typedArraySum", call -> {
      MemorySegment memory = call.typedArray(0).segment();
      long sum = 0;
      for (long i = 0; i < memory.byteSize(); i++) sum += memory.get(JAVA_BYTE, i);
      return sum;
    }, "array");
    exports.setFunction("detach", call -> {
      call.arrayBuffer(0).detach();
      return null;
    }, "arrayBuffer");
    exports.setFunction("isDetached", call -> call.arrayBuffer(0).isDetached(), "arrayBuffer");
    exports.setFunction("dataViewOf", call -> JsDataView.of(call.arrayBuffer(0), call.int32(1), call.int32(2)),
        "arrayBuffer", "byteOffset", "byteLength");
    exports.setFunction("dataViewCopy", call -> JsDataView.copyOf(call.env(), MemorySegment.ofArray(new byte[] {0, 0, 1, 0})));
    // readInt32BigEndian(dataView, offset), writeInt16LittleEndian(dataView, offset, value)
    exports.setFunction("readInt32BigEndian", call -> JsDataView.from(call.arg(0)).segment()
        .get(JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), call.int32(1)), "dataView", "offset");
    exports.setFunction("writeInt16LittleEndian", call -> {
      JsDataView view = call.arg(0, JsDataView.class);
      view.segment().set(JAVA_SHORT.withOrder(ByteOrder.LITTLE_ENDIAN).withByteAlignment(1), call.int32(1), (short) call.int32(2));
      return view.byteOffset() + ":" + view.byteLength() + ":" + view.arrayBuffer().byteLength();
    }, "dataView", "offset", "value");
  }

  private static JsValue lend(CallInfo call, boolean buffer) {
    int size = Args.inRange(buffer ? "lendBuffer" : "lendArrayBuffer", "size", call.int32(0), 0, 1 << 26);
    byte fill = (byte) call.int32(1); // checked before the memory is allocated
    Arena arena = Arena.ofShared(); // closed by the release action, on the JS thread
    MemorySegment memory = arena.allocate(size);
    memory.fill(fill);
    int id = IDS.incrementAndGet();
    LENT.put(id, memory);
    Runnable release = () -> {
      LENT.remove(id);
      RELEASED.incrementAndGet();
      arena.close();
    };
    JsObject value = buffer ? JsBuffer.of(call.env(), memory, release) : JsArrayBuffer.of(call.env(), memory, release);
    return call.env().object().set("value", value).set("id", id);
  }

  private static MemorySegment lent(CallInfo call) {
    MemorySegment memory = LENT.get(call.int32(0));
    if (memory == null) throw new IllegalStateException("memory " + call.int32(0) + " was released");
    return memory;
  }

  private static void write(MemorySegment memory, JsTypedArray.Type type, int i, JsValue value) {
    switch (type) {
      case INT8, UINT8, UINT8_CLAMPED -> memory.setAtIndex(JAVA_BYTE, i, (byte) number(value));
      case INT16 -> memory.setAtIndex(JAVA_SHORT, i, (short) number(value));
      case UINT16 -> memory.setAtIndex(JAVA_CHAR, i, (char) number(value));
      case INT32, UINT32 -> memory.setAtIndex(JAVA_INT, i, (int) (long) number(value));
      case FLOAT32 -> memory.setAtIndex(JAVA_FLOAT, i, (float) number(value));
      case FLOAT64 -> memory.setAtIndex(JAVA_DOUBLE, i, number(value));
      case BIGINT64, BIGUINT64 -> memory.setAtIndex(JAVA_LONG, i, value.as(JsBigInt.class).value().longValue());
    }
  }

  private static double number(JsValue value) {
    return value.as(JsNumber.class).value();
  }

  private static Object read(MemorySegment memory, JsTypedArray.Type type, int i) {
    return switch (type) {
      case INT8 -> (int) memory.getAtIndex(JAVA_BYTE, i);
      case UINT8, UINT8_CLAMPED -> Byte.toUnsignedInt(memory.getAtIndex(JAVA_BYTE, i));
      case INT16 -> (int) memory.getAtIndex(JAVA_SHORT, i);
      case UINT16 -> (int) memory.getAtIndex(JAVA_CHAR, i);
      case INT32 -> memory.getAtIndex(JAVA_INT, i);
      case UINT32 -> Integer.toUnsignedLong(memory.getAtIndex(JAVA_INT, i));
      case FLOAT32 -> (double) memory.getAtIndex(JAVA_FLOAT, i);
      case FLOAT64 -> memory.getAtIndex(JAVA_DOUBLE, i);
      case BIGINT64 -> BigInteger.valueOf(memory.getAtIndex(JAVA_LONG, i));
      case BIGUINT64 -> new BigInteger(Long.toUnsignedString(memory.getAtIndex(JAVA_LONG, i)));
    };
  }
}
