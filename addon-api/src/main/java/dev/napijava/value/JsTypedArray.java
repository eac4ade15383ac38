package dev.napijava.value;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.napijava.JsError;
import dev.napijava.internal.NodeEnv;
import java.lang.foreign.MemorySegment;

/**
 * A JS TypedArray ({@code Uint8Array}, {@code Float64Array}, a Node {@code Buffer}, ...), whose
 * elements Java reads and writes in place through {@link #segment()}, without copying.
 * {@link JsValue#wrap} gives a plain {@link JsObject} for typed arrays; get this view with
 * {@link #from(JsValue)}.
 *
 * <p>Thread: the JS thread of its env. The segment is valid while the array is reachable and
 * its buffer is not detached: do not keep it beyond the current call.
 */
public final class JsTypedArray extends JsObject {
  /** The element type ({@code napi_typedarray_type}), with its size in bytes. */
  public enum Type {
    INT8(1), UINT8(1), UINT8_CLAMPED(1), INT16(2), UINT16(2), INT32(4), UINT32(4), FLOAT32(4), FLOAT64(8),
    BIGINT64(8), BIGUINT64(8);

    private final int bytes;

    Type(int bytes) {
      this.bytes = bytes;
    }

    /** The size of one element in bytes. Thread: any thread. */
    public int bytes() {
      return bytes;
    }
  }

  private final Type type;
  private final long length;
  private final MemorySegment data;

  private JsTypedArray(NodeEnv env, MemorySegment handle, Type type, long length, MemorySegment data) {
    super(env, handle);
    this.type = type;
    this.length = length;
    this.data = data;
  }

  /**
   * {@code value} as a typed array; a {@link JsError#typeError TypeError} if it is not one.
   * Thread: the JS thread.
   */
  public static JsTypedArray from(JsValue value) {
    if (!isTypedArray(value)) throw JsError.typeError("expected a TypedArray, got " + value.typeName());
    NodeEnv env = value.env;
    MemorySegment out = env.out();
    env.check(napi_get_typedarray_info(env.napi(), value.handle, out, out.asSlice(8), out.asSlice(16),
        MemorySegment.NULL, MemorySegment.NULL));
    Type type = Type.values()[out.get(JAVA_INT, 0)];
    long length = out.get(JAVA_LONG, 8);
    MemorySegment data = out.get(ADDRESS, 16).reinterpret(length * type.bytes());
    return new JsTypedArray(env, value.handle, type, length, data);
  }

  /** Whether {@code value} is a TypedArray. Thread: the JS thread. */
  public static boolean isTypedArray(JsValue value) {
    NodeEnv env = value.env;
    MemorySegment out = env.out();
    env.check(napi_is_typedarray(env.napi(), value.handle, out));
    return out.get(JAVA_BOOLEAN, 0);
  }

  /** The element type. */
  public Type type() {
    return type;
  }

  /** The number of elements. */
  public long length() {
    return length;
  }

  /** The elements in place (native byte order), {@code length() * type().bytes()} bytes. */
  public MemorySegment segment() {
    env.checkThread();
    return data;
  }

  @Override
  public String typeName() {
    return "TypedArray";
  }
}
