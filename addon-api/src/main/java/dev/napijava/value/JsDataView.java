package dev.napijava.value;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.napijava.Env;
import dev.napijava.JsError;
import dev.napijava.bindings.NodeApi;
import dev.napijava.internal.NodeEnv;
import java.lang.foreign.MemorySegment;

/**
 * A JS {@code DataView}: a window on part of an {@link JsArrayBuffer}, read and written in place
 * through {@link #segment()} (use explicit byte orders, e.g.
 * {@code ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN)}, as DataView's own
 * methods take one).
 *
 * <p>Thread: the JS thread of its env. The segment is valid while the view is reachable and its
 * buffer is not detached: use it within the current call, and not across calls into JS.
 */
public final class JsDataView extends JsObject {
  private final long byteLength;
  private final long byteOffset;
  private final MemorySegment data;
  private final MemorySegment arrayBuffer;

  private JsDataView(NodeEnv env, MemorySegment handle) {
    super(env, handle);
    MemorySegment out = env.out(); // [0] length, [8] data, [16] arraybuffer, [24] offset
    env.check(napi_get_dataview_info(env.napi(), handle, out, out.asSlice(8), out.asSlice(16), out.asSlice(24)));
    this.byteLength = out.get(JAVA_LONG, 0);
    this.data = byteLength == 0 ? MemorySegment.ofArray(new byte[0]) : out.get(ADDRESS, 8).reinterpret(byteLength);
    this.arrayBuffer = out.get(ADDRESS, 16);
    this.byteOffset = out.get(JAVA_LONG, 24);
  }

  /**
   * A DataView over {@code byteLength} bytes of {@code buffer} from {@code byteOffset}, without
   * a copy. Thread: the JS thread.
   *
   * @throws JsError a {@code RangeError} (code {@code ERR_OUT_OF_RANGE}) naming the argument if
   *     the range is negative or does not fit the buffer, a {@code TypeError} if the buffer is
   *     detached; checked here, on every host
   */
  public static JsDataView of(JsArrayBuffer buffer, long byteOffset, long byteLength) {
    NodeEnv env = buffer.env;
    buffer.checkView("JsDataView.of()", "DataView", byteOffset, "byteLength", byteLength, 1);
    MemorySegment out = env.out();
    env.check(napi_create_dataview(env.napi(), byteLength, buffer.handle(), byteOffset, out));
    return new JsDataView(env, out.get(ADDRESS, 0));
  }

  /** A DataView over a new ArrayBuffer of {@code size} zero bytes. Thread: the JS thread of {@code env}. */
  public static JsDataView create(Env env, long size) {
    return of(JsArrayBuffer.create(env, size), 0, size);
  }

  /** A DataView over a new ArrayBuffer holding a copy of {@code memory}. Thread: the JS thread of {@code env}. */
  public static JsDataView copyOf(Env env, MemorySegment memory) {
    return of(JsArrayBuffer.copyOf(env, memory), 0, memory.byteSize());
  }

  /** {@code value} as a DataView; a {@code TypeError} if it is not one. Thread: the JS thread. */
  public static JsDataView from(JsValue value) {
    if (value instanceof JsDataView view) return view;
    if (!isDataView(value)) throw JsError.typeError("expected a DataView, got " + value.typeName());
    return new JsDataView(value.env, value.handle);
  }

  /** Whether {@code value} is a DataView. Thread: the JS thread. */
  public static boolean isDataView(JsValue value) {
    return JsTypes.is(value, JsDataView.class, NodeApi::napi_is_dataview);
  }

  /** {@code byteLength}. */
  public long byteLength() {
    return byteLength;
  }

  /** {@code byteOffset} in its ArrayBuffer. */
  public long byteOffset() {
    return byteOffset;
  }

  /** The ArrayBuffer this view looks at. */
  public JsArrayBuffer arrayBuffer() {
    env.checkThread();
    return new JsArrayBuffer(env, arrayBuffer);
  }

  /** The bytes in place. Throws a {@code TypeError} if the ArrayBuffer was detached. */
  public MemorySegment segment() {
    JsArrayBuffer.checkAttached(env, arrayBuffer);
    return data;
  }

  @Override
  public String typeName() {
    return "DataView";
  }
}
