package dev.napijava.value;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.napijava.Env;
import dev.napijava.JsError;
import dev.napijava.bindings.NodeApi;
import dev.napijava.internal.ExternalMemory;
import dev.napijava.internal.NodeEnv;
import java.lang.foreign.MemorySegment;

/**
 * A JS {@code ArrayBuffer}: raw bytes that Java reads and writes in place through
 * {@link #segment()}.
 *
 * <p>Made from Java in three ways, JDK-style:
 * <ul>
 *   <li>{@link #create(Env, long)}: new zeroed memory that JS owns (write it in place);
 *   <li>{@link #copyOf(Env, byte[])}, {@link #copyOf(Env, MemorySegment)}: a copy;
 *   <li>{@link #of(Env, MemorySegment, Runnable)}: no copy. JS uses Java's off-heap memory, and
 *       the release action runs once when V8 collects the ArrayBuffer or the env is torn down
 *       (on the JS thread); the memory is reported to V8 with
 *       {@code napi_adjust_external_memory} meanwhile. Where Node refuses external buffers
 *       ({@code napi_no_external_buffers_allowed}) the memory is copied and the release action
 *       runs at once.
 * </ul>
 *
 * <p>A detached ArrayBuffer (transferred with {@code structuredClone(buffer, {transfer})} or
 * {@code postMessage}, or {@link #detach()}ed) has no memory: {@link #segment()} throws a
 * {@code TypeError} instead of handing out a stale pointer.
 *
 * <p>Thread: the JS thread of its env. A segment is valid while the ArrayBuffer is reachable
 * and attached: use it within the current call, and do not keep it across calls into JS (which
 * may detach the buffer).
 */
public final class JsArrayBuffer extends JsObject {
  JsArrayBuffer(NodeEnv env, MemorySegment handle) {
    super(env, handle);
  }

  /** A new ArrayBuffer of {@code size} zero bytes, owned by JS. Thread: the JS thread of {@code env}. */
  public static JsArrayBuffer create(Env env, long size) {
    NodeEnv node = (NodeEnv) env;
    return new JsArrayBuffer(node, ExternalMemory.allocate(node, size, false));
  }

  /** A new ArrayBuffer holding a copy of {@code bytes}. Thread: the JS thread of {@code env}. */
  public static JsArrayBuffer copyOf(Env env, byte[] bytes) {
    return copyOf(env, MemorySegment.ofArray(bytes));
  }

  /**
   * A new ArrayBuffer holding a copy of {@code memory} (heap or off-heap).
   * Thread: the JS thread of {@code env}.
   */
  public static JsArrayBuffer copyOf(Env env, MemorySegment memory) {
    NodeEnv node = (NodeEnv) env;
    return new JsArrayBuffer(node, ExternalMemory.copy(node, memory, false));
  }

  /**
   * An ArrayBuffer over {@code memory}, off-heap memory that Java allocated, without a copy.
   * {@code release} (for example {@code arena::close} of an arena that the JS thread may close:
   * {@link java.lang.foreign.Arena#ofShared()}, or one confined to that JS thread) runs exactly once, on
   * the JS thread, when V8 collects the ArrayBuffer or the env is torn down; an exception it
   * throws is reported on stderr. Java must not free the memory otherwise. Where external
   * buffers are refused the memory is copied and {@code release} has run when this returns. If
   * this throws, the memory was not taken and {@code release} has not run.
   * Thread: the JS thread of {@code env}.
   *
   * @throws IllegalArgumentException if {@code memory} is a heap or read-only segment
   * @throws IllegalStateException if {@code memory} is already freed
   */
  public static JsArrayBuffer of(Env env, MemorySegment memory, Runnable release) {
    NodeEnv node = (NodeEnv) env;
    return new JsArrayBuffer(node, ExternalMemory.lend(node, memory, release, false));
  }

  /**
   * Bytes of Java memory lent to JS with {@code of} (ArrayBuffers and Buffers, every env of the
   * process) whose release action has not run yet. Thread: any thread.
   */
  public static long lentBytes() {
    return ExternalMemory.lent();
  }

  /**
   * {@code value} as an ArrayBuffer; a {@code TypeError} if it is not one. Thread: the JS thread.
   */
  public static JsArrayBuffer from(JsValue value) {
    if (value instanceof JsArrayBuffer buffer) return buffer;
    if (!isArrayBuffer(value)) throw JsError.typeError("expected an ArrayBuffer, got " + value.typeName());
    return new JsArrayBuffer(value.env, value.handle);
  }

  /** Whether {@code value} is an ArrayBuffer. Thread: the JS thread. */
  public static boolean isArrayBuffer(JsValue value) {
    return JsTypes.is(value, JsArrayBuffer.class, NodeApi::napi_is_arraybuffer);
  }

  /** Whether this ArrayBuffer is detached (its memory transferred away). */
  public boolean isDetached() {
    return isDetached(env, handle);
  }

  static boolean isDetached(NodeEnv env, MemorySegment handle) {
    MemorySegment out = env.out();
    env.check(napi_is_detached_arraybuffer(env.napi(), handle, out));
    return out.get(JAVA_BOOLEAN, 0);
  }

  /** A {@code TypeError} unless the ArrayBuffer {@code handle} is attached. */
  static void checkAttached(NodeEnv env, MemorySegment handle) {
    if (isDetached(env, handle)) {
      throw JsError.typeError("the ArrayBuffer is detached (its memory was transferred away)");
    }
  }

  /**
   * Checks, before a view over {@code count} items of {@code itemBytes} bytes each is made from
   * {@code byteOffset}, that the buffer is attached and the range lies inside it (and that the
   * offset is a multiple of {@code itemBytes}). Every creator of a view checks here rather than
   * rely on the host: Node's {@code napi_create_dataview} and {@code napi_create_typedarray}
   * throw a RangeError for a bad range, other hosts (Deno) make the view and crash when it is
   * used. {@code function} and {@code countName} name the Java method and its argument in the
   * messages; {@code kind} is the view's JS name.
   *
   * @throws JsError a {@code TypeError} if the buffer is detached, a {@code RangeError} if the
   *     range is negative, misaligned or does not fit
   */
  void checkView(String function, String kind, long byteOffset, String countName, long count, int itemBytes) {
    if (byteOffset < 0) throw JsError.rangeError(function + ": argument 'byteOffset' must be 0 or more, got " + byteOffset);
    if (count < 0) throw JsError.rangeError(function + ": argument '" + countName + "' must be 0 or more, got " + count);
    if (byteOffset % itemBytes != 0) {
      throw JsError.rangeError(function + ": argument 'byteOffset' must be a multiple of " + itemBytes + " (the "
          + kind + " element size), got " + byteOffset);
    }
    if (isDetached()) {
      throw JsError.typeError(function + ": the ArrayBuffer is detached (its memory was transferred away)");
    }
    long size = byteLength();
    if (byteOffset > size) {
      throw JsError.rangeError(function + ": argument 'byteOffset' must be at most " + size
          + " (the ArrayBuffer's byteLength), got " + byteOffset);
    }
    long room = (size - byteOffset) / itemBytes;
    if (count > room) {
      String what = itemBytes == 1 ? "the bytes" : "the " + kind + " elements that fit";
      throw JsError.rangeError(function + ": argument '" + countName + "' must be at most " + room + " (" + what
          + " from byteOffset " + byteOffset + " to the end of the " + size + "-byte ArrayBuffer), got " + count);
    }
  }

  /** {@code byteLength} (0 once detached). */
  public long byteLength() {
    MemorySegment out = env.out();
    env.check(napi_get_arraybuffer_info(env.napi(), handle, MemorySegment.NULL, out));
    return out.get(JAVA_LONG, 0);
  }

  /**
   * The bytes in place. Throws a {@code TypeError} if the ArrayBuffer is detached.
   */
  public MemorySegment segment() {
    checkAttached(env, handle);
    MemorySegment out = env.out(); // [0] data, [8] length
    env.check(napi_get_arraybuffer_info(env.napi(), handle, out, out.asSlice(8)));
    long length = out.get(JAVA_LONG, 8);
    return length == 0 ? MemorySegment.ofArray(new byte[0]) : out.get(ADDRESS, 0).reinterpret(length);
  }

  /** A copy of the bytes. Throws a {@code TypeError} if the ArrayBuffer is detached. */
  public byte[] toByteArray() {
    return segment().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
  }

  /**
   * Detaches this ArrayBuffer ({@code napi_detach_arraybuffer}): JS sees it empty and Java's
   * segments of it must no longer be used. Memory lent with {@code of} is released once nothing
   * uses it any more. Thread: the JS thread.
   *
   * @throws JsError a {@code TypeError} if this ArrayBuffer cannot be detached
   */
  public void detach() {
    int status = napi_detach_arraybuffer(env.napi(), handle);
    if (status == napi_detachable_arraybuffer_expected()) throw JsError.typeError("this ArrayBuffer cannot be detached");
    env.check(status);
  }

  @Override
  public String typeName() {
    return "ArrayBuffer";
  }
}
