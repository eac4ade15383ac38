package dev.napijava;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exports a static method to JS as a function with typed arguments, checked and converted by
 * code that the napi-java annotation processor ({@code dev.napijava:processor}) generates at
 * compile time; no reflection runs when JS calls it.
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
 * {@code undefined}). {@link Env}, {@link CallInfo} and {@link Channel} parameters are injected,
 * not read from JS; a varargs parameter takes the remaining arguments. Any other type, a
 * method that is not static or not reachable from its package, and two exports with one JS name
 * are compile errors at the element.
 *
 * <p>Wrong JS input throws the same {@code TypeError}/{@code RangeError} (with {@code code}) as
 * {@link CallInfo}'s getters, naming the function, the parameter's source name and the
 * expected type. Hand-written {@link JsCallback}s remain the way to export dynamic functions.
 *
 * <p>Thread: the exported method runs on the JS thread of the calling env.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface JsExport {
  /** The JS name; empty (the default) means the Java name. */
  String value() default "";
}
