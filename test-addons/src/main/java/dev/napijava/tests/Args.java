package dev.napijava.tests;

import dev.napijava.JsError;

/** Range checks for test-addon arguments that size work (threads, counts, delays). Thread: any. */
final class Args {
  private Args() {}

  /** {@code value}, or a RangeError naming {@code function}'s parameter {@code name} and the range. */
  static int inRange(String function, String name, long value, long min, long max) {
    if (value < min || value > max) {
      throw JsError.rangeError(function + "(): '" + name + "' must be from " + min + " to " + max + ", got " + value);
    }
    return (int) Math.min(value, Integer.MAX_VALUE);
  }
}
