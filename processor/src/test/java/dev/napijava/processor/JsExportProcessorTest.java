package dev.napijava.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The @JsExport processor, run by javac on small sources: what it generates and each compile error. */
class JsExportProcessorTest {
  @TempDir
  Path dir;

  /** The result of one compilation: javac's verdict, its errors, and where the outputs are. */
  record Compilation(boolean ok, List<Diagnostic<? extends JavaFileObject>> errors, Path classes, Path generated) {
    String errorText() {
      return String.join("\n", errors.stream().map(d -> d.getLineNumber() + ": " + d.getMessage(Locale.ROOT)).toList());
    }
  }

  private Compilation compile(String className, String source) throws IOException {
    Path sources = Files.createDirectories(dir.resolve("src/demo"));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path generated = Files.createDirectories(dir.resolve("generated"));
    Path file = sources.resolve(className + ".java");
    Files.writeString(file, "package demo;\n\nimport dev.napijava.*;\nimport dev.napijava.value.*;\nimport java.util.*;\n"
        + "import java.util.concurrent.*;\nimport java.util.function.*;\nimport java.math.BigInteger;\n\n" + source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d", classes.toString(),
          "-s", generated.toString(), "-proc:full", "-processor", JsExportProcessor.class.getName());
      JavaCompiler.CompilationTask task = javac.getTask(new StringWriter(), files, diagnostics, options, null,
          files.getJavaFileObjects(file));
      boolean ok = task.call();
      List<Diagnostic<? extends JavaFileObject>> errors = new ArrayList<>();
      for (var d : diagnostics.getDiagnostics()) if (d.getKind() == Diagnostic.Kind.ERROR) errors.add(d);
      return new Compilation(ok, errors, classes, generated);
    }
  }

  /** Compiles {@code body} as the class Demo and expects one error on {@code line} (of the body) containing {@code text}. */
  private void assertError(String body, int line, String text) throws IOException {
    Compilation c = compile("Demo", body);
    assertTrue(!c.ok(), "expected a compile error, compiled fine");
    assertEquals(1, c.errors().size(), c.errorText());
    Diagnostic<? extends JavaFileObject> error = c.errors().get(0);
    assertTrue(error.getMessage(Locale.ROOT).contains(text), c.errorText());
    assertEquals(line + 9, error.getLineNumber(), "line of: " + c.errorText());
  }

  @Test
  void generatesGlueThatCompilesAndDeclarations() throws IOException {
    Compilation c = compile("Demo", """
        public final class Demo {
          public record Point(double x, double y, @Nullable String label) {}
          public enum Color { RED, GREEN }
          /** Adds {@code a} and {@code b}. */
          @JsExport public static double add(double a, double b) { return a + b; }
          @JsExport("paint") static Color color(Color c, Optional<Point> p, Integer count) { return c; }
          @JsExport static List<Point> points(Point[] points, long... ids) { return List.of(points); }
          @JsExport static String greet(String name, Function<String, String> callback, Env env) { return callback.apply(name); }
          @JsExport static CompletableFuture<Void> later(ThreadsafeFunction<String> log, Channel channel) { return null; }
          @JsExport static BigInteger big(BigInteger n, JsObject raw, @Nullable Boolean flag) { return n; }
        }
        """);
    assertTrue(c.ok(), c.errorText());
    assertTrue(Files.exists(c.classes().resolve("demo/DemoExports.class")));
    assertTrue(Files.exists(c.generated().resolve("demo/DemoExports.java")));
    String dts = Files.readString(c.classes().resolve("Demo.d.ts"));
    assertTrue(dts.contains("/**\n * Adds `a` and `b`.\n */\nexport declare function add(a: number, b: number): number;"), dts);
    assertTrue(dts.contains("export declare function paint(c: Color, p?: Point | null, count?: number | null): Color;"), dts);
    assertTrue(dts.contains("export declare function points(points: Point[], ...ids: number[]): Point[];"), dts);
    assertTrue(dts.contains("export declare function greet(name: string, callback: (arg0: string) => string): string;"), dts);
    assertTrue(dts.contains("export declare function later(log: (err: Error | null, value: string) => unknown): Promise<void>;"), dts);
    assertTrue(dts.contains("export declare function big(n: bigint, raw: object, flag?: boolean | null): bigint;"), dts);
    assertTrue(dts.contains("export interface Point {\n  x: number;\n  y: number;\n  label?: string | null;\n}"), dts);
    assertTrue(dts.contains("export type Color = 'RED' | 'GREEN';"), dts);
  }

  @Test
  void codeTagsKeepBalancedBraces() {
    assertEquals("a plain object `{ x, y }` in JS", DeclarationWriter.codeTags("a plain object {@code { x, y }} in JS"));
    assertEquals("`a` and `b`", DeclarationWriter.codeTags("{@code a} and {@code b}"));
    assertEquals("`{}` then {@codeX} then {@code unclosed", DeclarationWriter.codeTags("{@code {}} then {@codeX} then {@code unclosed"));
  }

  @Test
  void abortSignalParameterMakesAnAbortablePromise() throws IOException {
    Compilation c = compile("Demo", """
        public final class Demo {
          @JsExport static CompletableFuture<String> fetch(String url, AbortSignal signal) { return signal.supplyAsync(() -> url); }
          @JsExport static CompletionStage<Void> drain(AbortSignal signal) { return null; }
          @JsExport static boolean poll(AbortSignal signal) { return signal.isAborted(); }
        }
        """);
    assertTrue(c.ok(), c.errorText());
    String dts = Files.readString(c.classes().resolve("Demo.d.ts"));
    assertTrue(dts.contains("export declare function fetch(url: string, signal?: AbortSignal | null): Promise<string>;"), dts);
    assertTrue(dts.contains("export declare function drain(signal?: AbortSignal | null): Promise<void>;"), dts);
    assertTrue(dts.contains("export declare function poll(signal?: AbortSignal | null): boolean;"), dts);
    String glue = Files.readString(c.generated().resolve("demo/DemoExports.java"));
    // A future's Promise rejects at the abort, and an aborted signal skips the call; a plain result only gets the token.
    assertTrue(glue.contains("p_signal.isAborted() ? dev.napijava.ExportSupport.aborted(p_signal) : dev.napijava.ExportSupport.abortable(env, demo.Demo.fetch(p_url, p_signal), p_signal)"), glue);
    assertTrue(glue.contains("boolean result = demo.Demo.poll(p_signal);"), glue);
  }

  @Test
  void abortSignalResultIsACompileError() throws IOException {
    assertError("public class Demo {\n  @JsExport static AbortSignal f() { return null; }\n}\n", 2, "only supported as a parameter");
  }

  @Test
  void instanceMethodIsACompileError() throws IOException {
    assertError("public class Demo {\n  @JsExport double half(double x) { return x / 2; }\n}\n", 2, "must be static");
  }

  @Test
  void privateMethodIsACompileError() throws IOException {
    assertError("public class Demo {\n  @JsExport private static double half(double x) { return x / 2; }\n}\n", 2, "must not be private");
  }

  @Test
  void methodInPrivateClassIsACompileError() throws IOException {
    assertError("public class Demo {\n  private static class Hidden {\n    @JsExport static void f() {}\n  }\n}\n", 3, "private class Hidden");
  }

  @Test
  void genericMethodIsACompileError() throws IOException {
    assertError("public class Demo {\n  @JsExport static <T> void f(String s) {}\n}\n", 2, "must not be generic");
  }

  @Test
  void unsupportedParameterTypeIsACompileErrorAtTheParameter() throws IOException {
    assertError("public class Demo {\n  @JsExport static void f(\n      Map<String, String> map) {}\n}\n", 3, "parameter 'map' of @JsExport method f: the type java.util.Map");
  }

  @Test
  void unsupportedResultTypeIsACompileError() throws IOException {
    assertError("public class Demo {\n  @JsExport static Object f() { return null; }\n}\n", 2, "the result of @JsExport method f: the type java.lang.Object cannot be exported");
  }

  @Test
  void duplicateJsNameIsACompileError() throws IOException {
    assertError("public class Demo {\n  @JsExport static void f() {}\n  @JsExport(\"f\") static void g() {}\n}\n", 3, "duplicate JS name 'f'");
  }

  @Test
  void invalidJsNameIsACompileError() throws IOException {
    assertError("public class Demo {\n  @JsExport(\"delete\") static void remove() {}\n}\n", 2, "not a JS identifier");
  }

  @Test
  void wildcardListIsACompileError() throws IOException {
    assertError("public class Demo {\n  @JsExport static void f(\n      List<?> xs) {}\n}\n", 3, "wildcard List");
  }

  @Test
  void callbackInsideARecordIsACompileError() throws IOException {
    assertError("public class Demo {\n  public record Holder(Runnable r) {}\n  @JsExport static void f(\n      Holder h) {}\n}\n", 4,
        "the component 'r' of Holder: a callback (Runnable) is only supported as a parameter");
  }

  @Test
  void nonPublicRecordIsACompileError() throws IOException {
    assertError("public class Demo {\n  record Hidden(int x) {}\n  @JsExport static void f(\n      Hidden h) {}\n}\n", 4, "must be public");
  }

  @Test
  void nullablePrimitiveIsACompileError() throws IOException {
    assertError("public class Demo {\n  @JsExport static void f(\n      @Nullable int x) {}\n}\n", 3, "a primitive cannot be @Nullable");
  }

  @Test
  void futureParameterIsACompileError() throws IOException {
    assertError("public class Demo {\n  @JsExport static void f(\n      CompletableFuture<String> x) {}\n}\n", 3, "only supported as the result");
  }

  @Test
  void threadsafeFunctionResultIsACompileError() throws IOException {
    assertError("public class Demo {\n  @JsExport static ThreadsafeFunction<String> f() { return null; }\n}\n", 2, "only supported as a parameter");
  }

  @Test
  void enumInsideAPromiseValueIsACompileError() throws IOException {
    assertError("public class Demo {\n  public enum E { A }\n  @JsExport static CompletableFuture<List<E>> f() { return null; }\n}\n", 3, "use its name()");
  }

  @Test
  void injectedEnvAsResultIsACompileError() throws IOException {
    assertError("public class Demo {\n  @JsExport static Env f(Env env) { return env; }\n}\n", 2, "only supported as a parameter");
  }

  @Test
  void methodInInnerClassIsACompileError() throws IOException {
    assertError("public class Demo {\n  public class Inner {\n    @JsExport static void f() {}\n  }\n}\n", 3, "inner (non-static) class Inner");
  }

  @Test
  void rawListIsACompileError() throws IOException {
    assertError("public class Demo {\n  @SuppressWarnings(\"rawtypes\")\n  @JsExport static void f(\n      List xs) {}\n}\n", 4, "a raw List");
  }

  @Test
  void callbackInsideAListIsACompileError() throws IOException {
    assertError("public class Demo {\n  @JsExport static void f(\n      List<Runnable> xs) {}\n}\n", 3, "a callback (Runnable) is only supported as a parameter");
  }

  @Test
  void generatesAClassExportThatCompilesAndItsDeclaration() throws IOException {
    Compilation c = compile("Demo", """
        public final class Demo {
          /** A counter. */
          @JsExport
          public static final class Counter implements AutoCloseable {
            private int value;
            public Counter(int start) { value = start; }
            Counter(String ignored) { }
            /** Adds {@code n}. */
            @JsExport public int add(int n, Env env) { return value += n; }
            @JsExport public int getValue() { return value; }
            @JsExport public boolean isZero() { return value == 0; }
            @JsExport("twin") public Counter copy(@Nullable Counter other) { return new Counter(value); }
            @JsExport public static Counter zero() { return new Counter(0); }
            public int notExported() { return 0; }
            @Override public void close() {}
          }
          @JsExport("Pt")
          public record Point(double x, @Nullable String label) {
            @JsExport public Point { }
            public Point(double x) { this(x, null); }
            @JsExport public double twice() { return 2 * x; }
          }
          @JsExport static Counter make(Counter[] all, Optional<Point> p) { return all[0]; }
        }
        """);
    assertTrue(c.ok(), c.errorText());
    String glue = Files.readString(c.generated().resolve("demo/DemoExports.java"));
    assertTrue(glue.contains("public static final dev.napijava.JsClass<demo.Demo.Counter> CLASS_Demo_Counter"), glue);
    assertTrue(glue.contains("exports.set(\"Counter\", CLASS_Demo_Counter.constructor(env));"), glue);
    String dts = Files.readString(c.classes().resolve("Demo.d.ts"));
    assertTrue(dts.contains("export declare function make(all: Counter[], p?: Pt | null): Counter;"), dts);
    assertTrue(dts.contains("""
        /**
         * A counter.
         */
        export declare class Counter {
          constructor(start: number);
          /**
           * Adds `n`.
           */
          add(n: number): number;
          readonly value: number;
          readonly zero: boolean;
          twin(other?: Counter | null): Counter;
          static zero(): Counter;
          /** Closes the Java object now (once); later calls throw. */
          dispose(): void;
        }
        """), dts);
    assertTrue(dts.contains("""
        export declare class Pt {
          constructor(x: number, label?: string | null);
          readonly x: number;
          readonly label: string | null;
          twice(): number;
        }
        """), dts);
  }

  @Test
  void aTopLevelClassExportHasItsOwnExportsAndImportsOthers() throws IOException {
    Compilation c = compile("Demo", """
        @JsExport
        public class Demo {
          @JsExport public Demo next() { return this; }
        }
        class Uses {
          @JsExport static Demo same(Demo d) { return d; }
        }
        """);
    assertTrue(c.ok(), c.errorText());
    assertTrue(Files.readString(c.classes().resolve("Demo.d.ts")).contains("export declare class Demo {\n  constructor();\n  next(): Demo;\n}"));
    String uses = Files.readString(c.classes().resolve("Uses.d.ts"));
    assertTrue(uses.contains("import type { Demo } from './Demo.js';\nexport declare function same(d: Demo): Demo;") || uses.contains("import type { Demo } from './Demo.js';\n\nexport declare function same(d: Demo): Demo;"), uses);
  }

  @Test
  void abstractClassExportIsACompileError() throws IOException {
    assertError("public class Demo {\n  @JsExport\n  public abstract static class Shape {}\n}\n", 3, "must not be abstract");
  }

  @Test
  void nonPublicClassExportIsACompileError() throws IOException {
    assertError("public class Demo {\n  @JsExport\n  static class Shape {}\n}\n", 3, "must be public");
  }

  @Test
  void innerClassExportIsACompileError() throws IOException {
    assertError("public class Demo {\n  @JsExport\n  public class Shape {}\n}\n", 3, "inner (non-static) class Shape");
  }

  @Test
  void classExportWithoutPublicConstructorIsACompileError() throws IOException {
    assertError("public class Demo {\n  @JsExport\n  public static class Shape {\n    private Shape() {}\n  }\n}\n", 3,
        "has no public constructor");
  }

  @Test
  void classExportWithAmbiguousConstructorsIsACompileError() throws IOException {
    assertError("public class Demo {\n  @JsExport\n  public static class Shape {\n    public Shape() {}\n    public Shape(int n) {}\n  }\n}\n", 3,
        "has 2 public constructors: mark the one JS calls with @JsExport");
  }

  @Test
  void twoMarkedConstructorsAreACompileError() throws IOException {
    assertError("public class Demo {\n  @JsExport\n  public static class Shape {\n    @JsExport public Shape() {}\n"
        + "    @JsExport public Shape(int n) {}\n  }\n}\n", 5, "only one constructor of Shape can be @JsExport");
  }

  @Test
  void unsupportedMemberParameterIsACompileErrorAtTheParameter() throws IOException {
    assertError("public class Demo {\n  @JsExport\n  public static class Shape {\n    @JsExport public void f(\n        Map<String, String> map) {}\n  }\n}\n",
        5, "parameter 'map' of Shape.f: the type java.util.Map");
  }

  @Test
  void unsupportedGetterTypeIsACompileErrorAtTheMethod() throws IOException {
    assertError("public class Demo {\n  @JsExport\n  public static class Shape {\n    @JsExport public Object getThing() { return null; }\n  }\n}\n",
        4, "the result of Shape.thing: the type java.lang.Object cannot be exported");
  }

  @Test
  void unsupportedRecordComponentOfAClassExportIsACompileError() throws IOException {
    assertError("public class Demo {\n  @JsExport\n  public record Box(Object thing) {}\n}\n",
        3, "the result of Box.thing: the type java.lang.Object cannot be exported");
  }

  @Test
  void duplicateJsMemberNameIsACompileError() throws IOException {
    assertError("public class Demo {\n  @JsExport\n  public static class Shape {\n    @JsExport public int getSize() { return 1; }\n"
        + "    @JsExport public int size() { return 1; }\n  }\n}\n", 5, "duplicate JS member name 'size' in class Shape");
  }

  @Test
  void staticMemberNamedLikeAFunctionPropertyIsACompileError() throws IOException {
    assertError("public class Demo {\n  @JsExport\n  public static class Shape {\n    @JsExport public static int name() { return 1; }\n  }\n}\n",
        4, "'name' cannot name a static member of Shape");
  }

  @Test
  void classExportNamedLikeAFunctionExportIsACompileError() throws IOException {
    assertError("public class Demo {\n  @JsExport static void Shape() {}\n  @JsExport\n  public static class Shape {}\n}\n", 4,
        "duplicate JS name 'Shape': Shape(...) in Demo is exported under that name too");
  }

  @Test
  void markedConstructorOfAPlainClassIsACompileError() throws IOException {
    assertError("public class Demo {\n  @JsExport public Demo() {}\n}\n", 2, "mark the class Demo @JsExport too");
  }

  @Test
  void enumExportIsACompileError() throws IOException {
    assertError("public class Demo {\n  @JsExport\n  public enum Color { RED }\n}\n", 3, "an enum crosses as a string union");
  }

  @Test
  void genericClassExportIsACompileError() throws IOException {
    assertError("public class Demo {\n  @JsExport\n  public static class Box<T> {}\n}\n", 3, "must not be generic");
  }
}
