package dev.napijava.value;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import dev.napijava.Env;
import dev.napijava.JsError;
import dev.napijava.internal.ExternalMemory;
import dev.napijava.internal.NodeEnv;
import java.lang.foreign.MemorySegment;

/**
 * A Node {@code Buffer} (a {@code Uint8Array}), read and written in place through
 * {@link #segment()}.
 *
 * <p>Made from Java as {@link JsArrayBuffer} is: {@link #create(Env, long)} (zeroed, JS-owned),
 * {@code copyOf} (a copy of a {@code byte[]} or {@link MemorySegment}), and
 * {@link #of(Env, MemorySegment, Runnable)} (no copy: JS uses Java's off-heap memory, reported
 * to V8 with {@code napi_adjust_external_memory}, and the release action runs once when V8
 * collects the Buffer or the env is torn down; where Node refuses external buffers the memory
 * is copied and the release action runs at once), like node-addon-api's
 * {@code Buffer::New(env, data, length, finalizer)} and napi-rs's {@code Buffer::from_external}.
 *
 * <p>Thread: the JS thread of its env. The segment is valid while the Buffer is reachable and
 * its memory is not detached: use it within the current call, and not across calls into JS.
 */
public final class JsBuffer extends JsTypedArray {
  JsBuffer(NodeEnv env, MemorySegment handle, long length, MemorySegment data, MemorySegment arrayBuffer) {
    super(env, handle, Type.UINT8, length, data, arrayBuffer);
  }

  /** A new Buffer of {@code size} zero bytes. Thread: the JS thread of {@code env}. */
  public static JsBuffer create(Env env, long size) {
    NodeEnv node = (NodeEnv) env;
    return (JsBuffer) read(node, ExternalMemory.allocate(node, size, true), true);
  }

  /** A new Buffer holding a copy of {@code bytes}. Thread: the JS thread of {@code env}. */
  public static JsBuffer copyOf(Env env, byte[] bytes) {
    return copyOf(env, MemorySegment.ofArray(bytes));
  }

  /** A new Buffer holding a copy of {@code memory}. Thread: the JS thread of {@code env}. */
  public static JsBuffer copyOf(Env env, MemorySegment memory) {
    NodeEnv node = (NodeEnv) env;
    return (JsBuffer) read(node, ExternalMemory.copy(node, memory, true), true);
  }

  /**
   * A Buffer over {@code memory}, off-heap memory that Java allocated, without a copy; see
   * {@link JsArrayBuffer#of(Env, MemorySegment, Runnable)} for {@code release}, which runs
   * exactly once on the JS thread. Thread: the JS thread of {@code env}.
   *
   * @throws IllegalArgumentException if {@code memory} is a heap or read-only segment
   * @throws IllegalStateException if {@code memory} is already freed
   */
  public static JsBuffer of(Env env, MemorySegment memory, Runnable release) {
    NodeEnv node = (NodeEnv) env;
    return (JsBuffer) read(node, ExternalMemory.lend(node, memory, release, true), true);
  }

  /**
   * {@code value} as a Buffer: a Node {@code Buffer} or any {@code Uint8Array}; a
   * {@code TypeError} otherwise. Thread: the JS thread.
   */
  public static JsBuffer from(JsValue value) {
    if (value instanceof JsBuffer buffer) return buffer;
    if (!isBuffer(value)) throw JsError.typeError("expected a Buffer, got " + value.typeName());
    return (JsBuffer) read(value.env, value.handle, true);
  }

  /** Whether {@code value} is a Node {@code Buffer} or a {@code Uint8Array}. Thread: the JS thread. */
  public static boolean isBuffer(JsValue value) {
    if (value instanceof JsBuffer) return true;
    if (!JsTypedArray.isTypedArray(value)) return false;
    NodeEnv env = value.env;
    MemorySegment out = env.out();
    env.check(napi_get_typedarray_info(env.napi(), value.handle, out, MemorySegment.NULL, MemorySegment.NULL,
        MemorySegment.NULL, MemorySegment.NULL));
    return out.get(JAVA_INT, 0) == Type.UINT8.ordinal();
  }

  /** A copy of the bytes. Throws a {@code TypeError} if the memory was detached. */
  public byte[] toByteArray() {
    return segment().toArray(JAVA_BYTE);
  }

  @Override
  public String typeName() {
    return "Buffer";
  }
}
