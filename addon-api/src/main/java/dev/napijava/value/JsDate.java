package dev.napijava.value;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;

import dev.napijava.Env;
import dev.napijava.JsError;
import dev.napijava.bindings.NodeApi;
import dev.napijava.internal.NodeEnv;
import java.lang.foreign.MemorySegment;
import java.time.Instant;

/**
 * A JS {@code Date}: milliseconds since the epoch, or NaN for an Invalid Date. It converts to and
 * from {@link Instant}; sub-millisecond digits are dropped on the way to JS, and instants beyond
 * JS's range (±8.64e15 ms, about ±275,000 years) are a {@code RangeError}.
 *
 * <p>Thread: the JS thread of its env.
 */
public final class JsDate extends JsObject {
  /** JS's Date range: ±100,000,000 days around the epoch, in ms. */
  private static final double MAX_MS = 8.64e15;

  private JsDate(NodeEnv env, MemorySegment handle) {
    super(env, handle);
  }

  /** A Date at {@code instant}, to the millisecond (rounded down). Thread: the JS thread of {@code env}. */
  public static JsDate of(Env env, Instant instant) {
    double ms = Math.floor(instant.getEpochSecond() * 1000.0 + instant.getNano() / 1_000_000);
    if (!(Math.abs(ms) <= MAX_MS)) throw JsError.rangeError(instant + " is outside the range of a JS Date");
    return of(env, ms);
  }

  /**
   * A Date at {@code epochMillis} ms since the epoch (NaN or beyond ±8.64e15 gives an Invalid
   * Date, as in JS). Thread: the JS thread of {@code env}.
   */
  public static JsDate of(Env env, double epochMillis) {
    NodeEnv node = (NodeEnv) env;
    MemorySegment out = node.out();
    node.check(napi_create_date(node.napi(), epochMillis, out));
    return new JsDate(node, out.get(ADDRESS, 0));
  }

  /** {@code value} as a Date; a {@code TypeError} if it is not one. Thread: the JS thread. */
  public static JsDate from(JsValue value) {
    if (value instanceof JsDate date) return date;
    if (!isDate(value)) throw JsError.typeError("expected a Date, got " + value.typeName());
    return new JsDate(value.env, value.handle);
  }

  /** Whether {@code value} is a Date. Thread: the JS thread. */
  public static boolean isDate(JsValue value) {
    return JsTypes.is(value, JsDate.class, NodeApi::napi_is_date);
  }

  /** {@code getTime()}: ms since the epoch, NaN for an Invalid Date. */
  public double epochMillis() {
    MemorySegment out = env.out();
    env.check(napi_get_date_value(env.napi(), handle, out));
    return out.get(JAVA_DOUBLE, 0);
  }

  /** Whether this is a valid Date (not an Invalid Date). */
  public boolean isValid() {
    return !Double.isNaN(epochMillis());
  }

  /**
   * The Date as an {@link Instant}.
   *
   * @throws JsError a {@code RangeError} for an Invalid Date
   */
  public Instant instant() {
    double ms = epochMillis();
    if (Double.isNaN(ms)) throw JsError.rangeError("Invalid Date: expected a valid Date");
    return Instant.ofEpochMilli((long) ms);
  }

  @Override
  public String typeName() {
    return "Date";
  }
}
