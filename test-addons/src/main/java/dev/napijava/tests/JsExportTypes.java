package dev.napijava.tests;

import dev.napijava.Addon;
import dev.napijava.CallInfo;
import dev.napijava.Channel;
import dev.napijava.Env;
import dev.napijava.JsExport;
import dev.napijava.Nullable;
import dev.napijava.ThreadsafeFunction;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsString;
import dev.napijava.value.JsValue;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

/** Every type that {@code @JsExport} supports, one small function each, and its bad-input errors. */
public final class JsExportTypes implements Addon {
  /** A person, a plain object in JS. */
  public record Person(String name, int age, @Nullable String email) {}

  /** A colour, a string in JS. */
  public enum Color { RED, GREEN, BLUE }

  /** A callback kept past its call, to show that calling it later is refused. */
  private static volatile Runnable kept;

  @Override
  public void init(Env env, JsObject exports) {
    JsExportTypesExports.register(env, exports);
  }

  /** The sum of {@code a} and {@code b}. */
  @JsExport
  public static double add(double a, double b) {
    return a + b;
  }

  @JsExport
  static int addInts(int a, int b) {
    return a + b;
  }

  @JsExport
  static float halfFloat(float x) {
    return x / 2;
  }

  @JsExport
  static short shortEcho(short x) {
    return x;
  }

  @JsExport
  static byte byteEcho(byte x) {
    return x;
  }

  @JsExport
  static char nextChar(char c) {
    return (char) (c + 1);
  }

  @JsExport
  static long longEcho(long n) {
    return n;
  }

  @JsExport
  static long unsafeLong() {
    return 1L << 60;
  }

  @JsExport
  static boolean not(boolean b) {
    return !b;
  }

  /** {@code null} for {@code undefined} or {@code null}, else twice {@code x}. */
  @JsExport
  static Double twiceOrNull(Double x) {
    return x == null ? null : x * 2;
  }

  @JsExport
  static String greet(String name) {
    return "Hello, " + name + "!";
  }

  @JsExport
  static BigInteger square(BigInteger n) {
    return n.multiply(n);
  }

  @JsExport
  static double sum(double[] xs) {
    double total = 0;
    for (double x : xs) total += x;
    return total;
  }

  /** Its argument: a null String result is JS null. */
  @JsExport
  static String sameOrNull(@Nullable String text) {
    return text;
  }

  @JsExport
  static String join(List<String> parts, @Nullable String separator) {
    return String.join(separator == null ? "," : separator, parts);
  }

  @JsExport
  static int[][] transpose(int[][] matrix) {
    if (matrix.length == 0) return matrix;
    int[][] out = new int[matrix[0].length][matrix.length];
    for (int i = 0; i < matrix.length; i++) {
      for (int j = 0; j < matrix[i].length; j++) out[j][i] = matrix[i][j];
    }
    return out;
  }

  /** A one-line description of {@code person}. */
  @JsExport
  static String describe(Person person) {
    return person.name() + " (" + person.age() + ")" + (person.email() == null ? "" : " <" + person.email() + ">");
  }

  @JsExport
  static Person makePerson(String name, int age) {
    return new Person(name, age, null);
  }

  @JsExport
  static List<Person> birthday(List<Person> people) {
    List<Person> older = new ArrayList<>();
    for (Person p : people) older.add(new Person(p.name(), p.age() + 1, p.email()));
    return older;
  }

  @JsExport
  static Color nextColor(Color color) {
    return Color.values()[(color.ordinal() + 1) % Color.values().length];
  }

  @JsExport
  static String orDefault(Optional<String> value) {
    return value.orElse("default");
  }

  @JsExport
  static Optional<String> find(String key) {
    return key.equals("known") ? Optional.of("found") : Optional.empty();
  }

  @JsExport
  static String typeOf(JsValue value) {
    return value.typeName();
  }

  @JsExport
  static double stringLength(JsString text) {
    return text.length();
  }

  @JsExport
  static String callTwice(String text, Function<String, String> fn) {
    return fn.apply(fn.apply(text));
  }

  @JsExport
  static double[] mapEach(double[] xs, DoubleUnaryOperator fn) {
    double[] out = new double[xs.length];
    for (int i = 0; i < xs.length; i++) out[i] = fn.applyAsDouble(xs[i]);
    return out;
  }

  @JsExport
  static void keepCallback(Runnable fn) {
    kept = fn;
  }

  /** Calls the callback kept by {@code keepCallback}: refused, as its call has returned. */
  @JsExport
  static void callKept() {
    kept.run();
  }

  @JsExport
  static CompletableFuture<Double> later(double value) {
    return CompletableFuture.supplyAsync(() -> value * 2);
  }

  @JsExport
  static CompletableFuture<Void> nothingLater() {
    return CompletableFuture.runAsync(() -> {});
  }

  @JsExport
  static CompletableFuture<Color> colorLater(Color color) {
    return CompletableFuture.supplyAsync(() -> color);
  }

  @JsExport
  static CompletableFuture<String> failLater(String message) {
    return CompletableFuture.failedFuture(new IllegalStateException(message));
  }

  /** Calls {@code callback(null, "from " + name)} from a Java thread, then releases it. */
  @JsExport
  static void fromThread(String name, ThreadsafeFunction<String> callback) {
    Thread.ofPlatform().start(() -> {
      try (callback) {
        callback.put("from " + name);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  @JsExport
  static CompletableFuture<Integer> viaChannel(int value, Channel channel) {
    return CompletableFuture.supplyAsync(() -> value).thenCompose(v -> channel.send(env -> v + 1));
  }

  @JsExport
  static boolean onJsThread(Env env) {
    return env.isJsThread();
  }

  @JsExport
  static int argumentCount(CallInfo call, double... rest) {
    return call.length();
  }

  @JsExport
  static double sumAll(double... xs) {
    return sum(xs);
  }

  @JsExport
  static String joinAll(String separator, String... parts) {
    return String.join(separator, parts);
  }

  @JsExport("renamed")
  static String originalName() {
    return "originalName";
  }

  @JsExport
  static void nothing() {}

  @JsExport
  static void fail(String message) {
    throw new IllegalArgumentException(message);
  }
}
