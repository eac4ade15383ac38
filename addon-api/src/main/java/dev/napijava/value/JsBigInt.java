package dev.napijava.value;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.napijava.Env;
import dev.napijava.internal.NodeEnv;
import java.lang.foreign.MemorySegment;
import java.math.BigInteger;

/**
 * A JS BigInt.
 *
 * <p>Thread: the JS thread of its env.
 */
public final class JsBigInt extends JsValue {
  JsBigInt(NodeEnv env, MemorySegment handle) {
    super(env, handle);
  }

  /** A JS BigInt equal to {@code value}. Thread: the JS thread of {@code env}. */
  public static JsBigInt of(Env env, BigInteger value) {
    NodeEnv node = (NodeEnv) env;
    BigInteger magnitude = value.abs();
    int words = Math.max(1, (magnitude.bitLength() + 63) / 64);
    MemorySegment buffer = node.text((long) words * 8);
    for (int i = 0; i < words; i++) {
      buffer.setAtIndex(JAVA_LONG, i, magnitude.shiftRight(64 * i).longValue());
    }
    MemorySegment out = node.out();
    node.check(napi_create_bigint_words(node.napi(), value.signum() < 0 ? 1 : 0, words, buffer, out));
    return new JsBigInt(node, out.get(ADDRESS, 0));
  }

  /** A JS BigInt equal to {@code value}. Thread: the JS thread of {@code env}. */
  public static JsBigInt of(Env env, long value) {
    NodeEnv node = (NodeEnv) env;
    MemorySegment out = node.out();
    node.check(napi_create_bigint_int64(node.napi(), value, out));
    return new JsBigInt(node, out.get(ADDRESS, 0));
  }

  /** The exact value. */
  public BigInteger value() {
    MemorySegment napiEnv = env.napi();
    MemorySegment out = env.out();
    // out: [0] sign (int), [8] word count (size_t)
    env.check(napi_get_value_bigint_words(napiEnv, handle, MemorySegment.NULL, out.asSlice(8), MemorySegment.NULL));
    long words = out.get(JAVA_LONG, 8);
    MemorySegment buffer = env.text(Math.max(1, words) * 8);
    env.check(napi_get_value_bigint_words(napiEnv, handle, out, out.asSlice(8), buffer));
    BigInteger result = BigInteger.ZERO;
    for (long i = words - 1; i >= 0; i--) {
      long word = buffer.getAtIndex(JAVA_LONG, i);
      result = result.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(word)));
    }
    return out.get(JAVA_INT, 0) != 0 ? result.negate() : result;
  }

  @Override
  public String typeName() {
    return "bigint";
  }
}
