package {{javaPackage}};

import dev.napijava.Addon;
import dev.napijava.Env;
import dev.napijava.JsExport;
import dev.napijava.value.JsObject;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * The {{name}} addon. Each {@code @JsExport} member below is an export of the package, for
 * {@code require('{{name}}')} and {@code import { hello } from '{{name}}'} alike. At compile
 * time the napi-java annotation processor writes {@code {{className}}Exports} (the glue that
 * checks and converts every argument and result; under {@code target/generated-sources}) and
 * {@code target/classes/{{className}}.d.ts} (the TypeScript declarations, javadoc as JSDoc),
 * which {@code napi-java exports} turns into the package's types and ESM entry.
 */
public final class {{className}} implements Addon {
  /** Returns a greeting made in Java. */
  @JsExport
  public static String hello(String name) {
    return "Hello, " + name + ", from Java " + Runtime.version().feature();
  }

  /** Adds two numbers in Java. */
  @JsExport
  public static double add(double a, double b) {
    return a + b;
  }

  /** A point in the plane: a plain object {@code { x, y }} in JS. */
  public record Point(double x, double y) {}

  /** The distance between two points. */
  @JsExport
  public static double distance(Point from, Point to) {
    return Math.hypot(to.x() - from.x(), to.y() - from.y());
  }

  /**
   * How many primes there are below {@code limit}, counted on a Java thread while JS goes on: the
   * Promise resolves on the JS thread when the count is done.
   */
  @JsExport
  public static CompletableFuture<Integer> countPrimes(int limit) {
    return CompletableFuture.supplyAsync(() -> (int) IntStream.range(2, Math.max(limit, 2))
        .filter(n -> IntStream.rangeClosed(2, (int) Math.sqrt(n)).noneMatch(d -> n % d == 0))
        .count());
  }

  /** A counter held in Java: {@code new Counter(start)} in JS. */
  @JsExport
  public static final class Counter {
    private long value;

    /** Starts counting at {@code start}. */
    public Counter(int start) {
      value = start;
    }

    /** Adds {@code n} and returns the new value. */
    @JsExport
    public long add(int n) {
      return value += n;
    }

    /** The current value. */
    @JsExport
    public long getValue() {
      return value;
    }
  }

  /** Called on each JS thread (main or worker) that loads the addon, on that thread. */
  @Override
  public void init(Env env, JsObject exports) {
    {{className}}Exports.register(env, exports); // generated from the @JsExport members
  }
}
