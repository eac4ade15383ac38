package dev.napijava.value;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_CHAR;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.napijava.Env;
import dev.napijava.JsError;
import dev.napijava.bindings.NodeApi;
import dev.napijava.internal.NodeEnv;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A JS TypedArray ({@code Uint8Array}, {@code Float64Array}, a Node {@code Buffer}, ...), whose
 * elements Java reads and writes in place through {@link #segment()}, without copying.
 * {@link JsValue#wrap} gives a plain {@link JsObject} for typed arrays; get this view with
 * {@link #from(JsValue)} (or {@code CallInfo.typedArray}).
 *
 * <p>Made from Java: {@link #create} (zeroed, JS-owned), {@code copyOf} (from a Java array of
 * the matching element type: {@code byte[]} a {@code Uint8Array}, {@code short[]}
 * {@code Int16Array}, {@code char[]} {@code Uint16Array}, {@code int[]} {@code Int32Array},
 * {@code float[]} {@code Float32Array}, {@code double[]} {@code Float64Array}, {@code long[]}
 * {@code BigInt64Array}; or of any kind from a {@link MemorySegment}), and {@link #of} (a view
 * on part of an {@link JsArrayBuffer}, which may be Java's memory lent without a copy).
 *
 * <p>Thread: the JS thread of its env. The segment is valid while the array is reachable and
 * its buffer is not detached: use it within the current call, and not across calls into JS.
 */
public sealed class JsTypedArray extends JsObject permits JsBuffer {
  /** The element type ({@code napi_typedarray_type}), with its size in bytes. */
  public enum Type {
    INT8(1, "Int8Array"), UINT8(1, "Uint8Array"), UINT8_CLAMPED(1, "Uint8ClampedArray"),
    INT16(2, "Int16Array"), UINT16(2, "Uint16Array"), INT32(4, "Int32Array"), UINT32(4, "Uint32Array"),
    FLOAT32(4, "Float32Array"), FLOAT64(8, "Float64Array"), BIGINT64(8, "BigInt64Array"),
    BIGUINT64(8, "BigUint64Array");

    private final int bytes;
    private final String jsName;

    Type(int bytes, String jsName) {
      this.bytes = bytes;
      this.jsName = jsName;
    }

    /** The size of one element in bytes. Thread: any thread. */
    public int bytes() {
      return bytes;
    }

    /** The JS constructor's name, e.g. {@code "Float64Array"}. Thread: any thread. */
    public String jsName() {
      return jsName;
    }
  }

  private final Type type;
  private final long length;
  private final MemorySegment data;
  private final MemorySegment arrayBuffer;

  JsTypedArray(NodeEnv env, MemorySegment handle, Type type, long length, MemorySegment data, MemorySegment arrayBuffer) {
    super(env, handle);
    this.type = type;
    this.length = length;
    this.data = data;
    this.arrayBuffer = arrayBuffer;
  }

  /**
   * {@code value} as a typed array; a {@link JsError#typeError TypeError} if it is not one.
   * Thread: the JS thread.
   */
  public static JsTypedArray from(JsValue value) {
    if (value instanceof JsTypedArray array) return array;
    if (!isTypedArray(value)) throw JsError.typeError("expected a TypedArray, got " + value.typeName());
    return read(value.env, value.handle, false);
  }

  /** Reads the typed array {@code handle}: a {@link JsBuffer} if {@code buffer}. */
  static JsTypedArray read(NodeEnv env, MemorySegment handle, boolean buffer) {
    MemorySegment out = env.out(); // [0] type, [8] length, [16] data, [24] arraybuffer
    env.check(napi_get_typedarray_info(env.napi(), handle, out, out.asSlice(8), out.asSlice(16),
        out.asSlice(24), MemorySegment.NULL));
    Type type = Type.values()[out.get(JAVA_INT, 0)];
    long length = out.get(JAVA_LONG, 8);
    MemorySegment arrayBuffer = out.get(ADDRESS, 24);
    MemorySegment data = length == 0 ? MemorySegment.ofArray(new byte[0])
        : out.get(ADDRESS, 16).reinterpret(length * type.bytes());
    return buffer ? new JsBuffer(env, handle, length, data, arrayBuffer)
        : new JsTypedArray(env, handle, type, length, data, arrayBuffer);
  }

  /** Whether {@code value} is a TypedArray. Thread: the JS thread. */
  public static boolean isTypedArray(JsValue value) {
    return JsTypes.is(value, JsTypedArray.class, NodeApi::napi_is_typedarray);
  }

  /** A new typed array of {@code length} zero elements. Thread: the JS thread of {@code env}. */
  public static JsTypedArray create(Env env, Type type, long length) {
    JsArrayBuffer buffer = JsArrayBuffer.create(env, Math.multiplyExact(length, (long) type.bytes()));
    return of(buffer, type, 0, length);
  }

  /**
   * A typed array of kind {@code type} over {@code length} elements of {@code buffer} from
   * {@code byteOffset} (which must be a multiple of the element size), without a copy.
   * Thread: the JS thread.
   *
   * @throws JsError a {@code RangeError} (code {@code ERR_OUT_OF_RANGE}) naming the argument if
   *     the range is negative, misaligned or does not fit the buffer, a {@code TypeError} if the
   *     buffer is detached; checked here, on every host
   */
  public static JsTypedArray of(JsArrayBuffer buffer, Type type, long byteOffset, long length) {
    NodeEnv env = buffer.env;
    buffer.checkView("JsTypedArray.of()", type.jsName(), byteOffset, "length", length, type.bytes());
    MemorySegment out = env.out();
    env.check(napi_create_typedarray(env.napi(), type.ordinal(), length, buffer.handle(), byteOffset, out));
    return read(env, out.get(ADDRESS, 0), false);
  }

  /**
   * A new typed array of kind {@code type} holding a copy of {@code memory}, whose size must be
   * a multiple of the element size. Thread: the JS thread of {@code env}.
   */
  public static JsTypedArray copyOf(Env env, Type type, MemorySegment memory) {
    if (memory.byteSize() % type.bytes() != 0) {
      throw new IllegalArgumentException(memory.byteSize() + " bytes are not a whole number of "
          + type.bytes() + "-byte " + type.jsName() + " elements");
    }
    return of(JsArrayBuffer.copyOf(env, memory), type, 0, memory.byteSize() / type.bytes());
  }

  /** A new {@code Uint8Array} holding a copy of {@code values}. Thread: the JS thread of {@code env}. */
  public static JsTypedArray copyOf(Env env, byte[] values) {
    return copyOf(env, Type.UINT8, values, JAVA_BYTE, values.length);
  }

  /** A new {@code Int16Array} holding a copy of {@code values}. Thread: the JS thread of {@code env}. */
  public static JsTypedArray copyOf(Env env, short[] values) {
    return copyOf(env, Type.INT16, values, JAVA_SHORT, values.length);
  }

  /** A new {@code Uint16Array} holding a copy of {@code values}. Thread: the JS thread of {@code env}. */
  public static JsTypedArray copyOf(Env env, char[] values) {
    return copyOf(env, Type.UINT16, values, JAVA_CHAR, values.length);
  }

  /** A new {@code Int32Array} holding a copy of {@code values}. Thread: the JS thread of {@code env}. */
  public static JsTypedArray copyOf(Env env, int[] values) {
    return copyOf(env, Type.INT32, values, JAVA_INT, values.length);
  }

  /** A new {@code Float32Array} holding a copy of {@code values}. Thread: the JS thread of {@code env}. */
  public static JsTypedArray copyOf(Env env, float[] values) {
    return copyOf(env, Type.FLOAT32, values, JAVA_FLOAT, values.length);
  }

  /** A new {@code Float64Array} holding a copy of {@code values}. Thread: the JS thread of {@code env}. */
  public static JsTypedArray copyOf(Env env, double[] values) {
    return copyOf(env, Type.FLOAT64, values, JAVA_DOUBLE, values.length);
  }

  /** A new {@code BigInt64Array} holding a copy of {@code values}. Thread: the JS thread of {@code env}. */
  public static JsTypedArray copyOf(Env env, long[] values) {
    return copyOf(env, Type.BIGINT64, values, JAVA_LONG, values.length);
  }

  private static JsTypedArray copyOf(Env env, Type type, Object values, ValueLayout layout, int count) {
    JsTypedArray array = create(env, type, count);
    if (count > 0) MemorySegment.copy(values, 0, array.data, layout, 0, count);
    return array;
  }

  /** The element type. */
  public Type type() {
    return type;
  }

  /** The number of elements (0 once its buffer is detached). */
  public long length() {
    return length;
  }

  /** The ArrayBuffer whose memory this array views. */
  public JsArrayBuffer arrayBuffer() {
    env.checkThread();
    return new JsArrayBuffer(env, arrayBuffer);
  }

  /**
   * The elements in place (native byte order), {@code length() * type().bytes()} bytes. Throws
   * a {@code TypeError} if the array's ArrayBuffer was detached.
   */
  public MemorySegment segment() {
    JsArrayBuffer.checkAttached(env, arrayBuffer);
    return data;
  }

  /**
   * A copy of the elements as the Java array that matches {@link #type()}: {@code byte[]} for
   * the 8-bit kinds, {@code short[]} for {@code Int16Array}, {@code char[]} for
   * {@code Uint16Array}, {@code int[]} for the 32-bit integers, {@code float[]},
   * {@code double[]}, {@code long[]} for the BigInt kinds (unsigned ones as two's complement).
   */
  public Object toArray() {
    MemorySegment elements = segment();
    return switch (type) {
      case INT8, UINT8, UINT8_CLAMPED -> elements.toArray(JAVA_BYTE);
      case INT16 -> elements.toArray(JAVA_SHORT);
      case UINT16 -> elements.toArray(JAVA_CHAR);
      case INT32, UINT32 -> elements.toArray(JAVA_INT);
      case FLOAT32 -> elements.toArray(JAVA_FLOAT);
      case FLOAT64 -> elements.toArray(JAVA_DOUBLE);
      case BIGINT64, BIGUINT64 -> elements.toArray(JAVA_LONG);
    };
  }

  @Override
  public String typeName() {
    return "TypedArray";
  }
}
