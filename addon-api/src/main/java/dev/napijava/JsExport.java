package dev.napijava;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exports a static method to JS as a function (or a class as a JS class, see below) with typed
 * arguments, checked and converted by code that the napi-java annotation processor
 * ({@code dev.napijava:processor}) generates at compile time; no reflection runs when JS calls it.
 *
 * <p>For the methods of a class {@code Ops}, the processor writes {@code OpsExports} in the same
 * package, whose {@code register(env, exports)} defines every exported method on
 * {@code exports}, and {@code Ops.d.ts} (the TypeScript declarations, javadoc as JSDoc) at the
 * root of the class output, so in the jar. {@snippet :
 * public final class Ops implements Addon {
 *   @JsExport
 *   public static double add(double a, double b) { return a + b; }
 *
 *   @Override
 *   public void init(Env env, JsObject exports) {
 *     OpsExports.register(env, exports);
 *   }
 * }
 * }
 *
 * <p>Parameter and result types: primitives (a JS number, or boolean; {@code long} must be a safe
 * integer, else a {@code RangeError}) and their boxes (nullable), {@code String},
 * {@code BigInteger} (a BigInt), arrays and {@code List}s, records (plain objects, checked field
 * by field), enums (their constant names, a string union in TypeScript), {@code Optional} and
 * {@link Nullable} (optional parameters), {@link dev.napijava.value.JsValue} and its subtypes (as
 * they are), functional interfaces (a JS callback that may only be called during the call),
 * {@link ThreadsafeFunction} parameters (error-first callbacks callable from any thread; the
 * method owns them and closes them when done, and if it throws they are released for it), and
 * {@code CompletionStage}/{@code CompletableFuture} results (Promises; {@code Void} resolves to
 * {@code undefined}), and instances of exported classes. {@link Env}, {@link CallInfo} and {@link Channel} parameters are injected,
 * not read from JS; a varargs parameter takes the remaining arguments. Any other type, a
 * method that is not static or not reachable from its package, and two exports with one JS name
 * are compile errors at the element.
 *
 * <p><b>Classes.</b> On a public class or record (top-level or static nested, not abstract nor
 * generic), {@code @JsExport} exports a JS class backed by {@link JsClass} (type-tagged
 * {@code this}, one wrapper per Java object, {@code AutoCloseable} objects closed once), defined
 * by the same {@code register} as the owner's functions: the enclosing class's for a nested
 * class, the class's own ({@code CounterExports}) for a top-level one. Its members:
 * <ul>
 *   <li>the constructor: the one marked {@code @JsExport}, else the only public one (none, or
 *       several public ones and none marked, is a compile error);
 *   <li>methods marked {@code @JsExport}: instance methods on the prototype, static methods as
 *       static methods of the class; an instance method without parameters named
 *       {@code getX()} (or {@code isX()} returning a boolean) is the read-only property
 *       {@code x} instead;
 *   <li>a record's components are read-only properties;
 *   <li>unmarked methods and inherited members are not exported; {@code @JsExport("name")}
 *       renames the class or any member.
 * </ul>
 * A parameter of an exported class type takes an instance of the JS class (anything else is a
 * {@code TypeError} naming the parameter and the class); a result of that type is the object's
 * wrapper (the same JS object for the same Java object while JS holds it). {@snippet :
 * @JsExport
 * public static final class Counter {
 *   private int value;
 *   public Counter(int start) { value = start; }               // new Counter(5)
 *   @JsExport public int increment() { return ++value; }       // counter.increment()
 *   @JsExport public int getValue() { return value; }          // counter.value
 *   @JsExport public static Counter zero() { return new Counter(0); } // Counter.zero()
 * }
 * }
 *
 * <p>Wrong JS input throws the same {@code TypeError}/{@code RangeError} (with {@code code}) as
 * {@link CallInfo}'s getters, naming the function, the parameter's source name and the
 * expected type. Hand-written {@link JsCallback}s remain the way to export dynamic functions.
 *
 * <p>Thread: the exported method (constructor, member) runs on the JS thread of the calling env.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.CONSTRUCTOR})
public @interface JsExport {
  /** The JS name; empty (the default) means the Java name. */
  String value() default "";
}
