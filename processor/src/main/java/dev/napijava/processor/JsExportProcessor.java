package dev.napijava.processor;

import dev.napijava.processor.ExportedFunction.Param;
import dev.napijava.processor.JsType.Kind;
import dev.napijava.processor.TypeMapper.Unsupported;
import dev.napijava.processor.TypeMapper.Use;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The {@code @JsExport} processor. For each class with exported static methods it generates
 * {@code <Class>Exports.java} (in the class's package, under the compiler's generated-sources
 * folder) and {@code <Class>.d.ts} (at the root of the class output, so in the jar). Every
 * problem is a compile error at the element, with the reason.
 *
 * <p>Use it through the compiler's processor path ({@code annotationProcessorPaths} of the
 * maven-compiler-plugin, {@code annotationProcessor} in Gradle).
 *
 * <p>Thread: javac's (annotation processors run on the compiler's thread, one round at a time).
 */
public final class JsExportProcessor extends AbstractProcessor {
  private static final String ANNOTATION = "dev.napijava.JsExport";
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
  private static final Set<String> RESERVED = Set.of(
      "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum",
      "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null",
      "return", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield",
      "let", "static", "implements", "interface", "package", "private", "protected", "public", "await", "arguments", "eval");

  /** Simple names of the .d.ts files written so far, to report two classes that would share one. */
  private final Map<String, String> declarationFiles = new HashMap<>();

  /** Creates the processor; javac calls it. */
  public JsExportProcessor() {}

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(ANNOTATION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    TypeElement annotation = processingEnv.getElementUtils().getTypeElement(ANNOTATION);
    if (annotation == null) return false;
    Map<TypeElement, List<ExecutableElement>> byClass = new LinkedHashMap<>();
    for (Element element : round.getElementsAnnotatedWith(annotation)) {
      if (element.getKind() != ElementKind.METHOD) {
        error(element, "@JsExport applies to static methods");
        continue;
      }
      byClass.computeIfAbsent((TypeElement) element.getEnclosingElement(), c -> new ArrayList<>()).add((ExecutableElement) element);
    }
    for (Map.Entry<TypeElement, List<ExecutableElement>> entry : byClass.entrySet()) {
      generate(entry.getKey(), entry.getValue());
    }
    return true;
  }

  private void generate(TypeElement owner, List<ExecutableElement> methods) {
    TypeMapper mapper = new TypeMapper(processingEnv);
    boolean ok = reachable(owner, methods.get(0));
    List<ExportedFunction> functions = new ArrayList<>();
    Map<String, ExecutableElement> names = new HashMap<>();
    for (ExecutableElement method : methods) {
      ExportedFunction function = function(mapper, method);
      if (function == null) {
        ok = false;
        continue;
      }
      ExecutableElement previous = names.putIfAbsent(function.jsName(), method);
      if (previous != null) {
        error(method, "duplicate JS name '" + function.jsName() + "': " + previous.getSimpleName() + "(...) in "
            + owner.getSimpleName() + " is exported under that name too (rename one with @JsExport(\"otherName\"))");
        ok = false;
        continue;
      }
      functions.add(function);
    }
    if (!ok) return;
    String packageName = processingEnv.getElementUtils().getPackageOf(owner).getQualifiedName().toString();
    String baseName = flatName(owner);
    String className = baseName + "Exports";
    String exportingClass = owner.getQualifiedName().toString();
    DeclarationWriter declarations = new DeclarationWriter(processingEnv.getElementUtils());
    String dts = declarations.declarations(exportingClass, functions);
    Map<String, String> simpleNames = new HashMap<>();
    for (JsType t : declarations.named().values()) {
      String clash = simpleNames.putIfAbsent(t.element().getSimpleName().toString(), t.java());
      if (clash != null) {
        error(owner, "the TypeScript declarations of " + owner.getSimpleName() + " would name both " + clash + " and "
            + t.java() + " '" + t.element().getSimpleName() + "': rename one");
        return;
      }
    }
    String previousOwner = declarationFiles.putIfAbsent(baseName, exportingClass);
    if (previousOwner != null && !previousOwner.equals(exportingClass)) {
      error(owner, "both " + previousOwner + " and " + exportingClass + " would write " + baseName + ".d.ts: rename one class");
      return;
    }
    try {
      String qualified = packageName.isEmpty() ? className : packageName + "." + className;
      try (Writer writer = processingEnv.getFiler().createSourceFile(qualified, owner).openWriter()) {
        writer.write(new GlueWriter(packageName, className, exportingClass, functions).source());
      }
      FileObject file = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", baseName + ".d.ts", owner);
      try (Writer writer = file.openWriter()) {
        writer.write(dts);
      }
    } catch (IOException e) {
      error(owner, "cannot write the generated files of " + exportingClass + ": " + e.getMessage());
    }
  }

  /** Whether the generated class, in the same package, can call static methods of {@code owner}. */
  private boolean reachable(TypeElement owner, Element at) {
    for (Element e = owner; e instanceof TypeElement type; e = e.getEnclosingElement()) {
      if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
        error(at, "@JsExport methods cannot be in a local or anonymous class: the generated code cannot reach them");
        return false;
      }
      if (type.getModifiers().contains(Modifier.PRIVATE)) {
        error(at, "@JsExport methods cannot be in the private class " + type.getSimpleName() + ": the generated code cannot reach them");
        return false;
      }
    }
    if (!(owner.getEnclosingElement() instanceof PackageElement) && !owner.getModifiers().contains(Modifier.STATIC)
        && owner.getKind() == ElementKind.CLASS) {
      error(at, "@JsExport methods cannot be in the inner (non-static) class " + owner.getSimpleName());
      return false;
    }
    return true;
  }

  private ExportedFunction function(TypeMapper mapper, ExecutableElement method) {
    boolean ok = true;
    if (!method.getModifiers().contains(Modifier.STATIC)) {
      error(method, "@JsExport method " + method.getSimpleName() + " must be static: JS calls it without an instance "
          + "(instance methods are exported with their class)");
      ok = false;
    }
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      error(method, "@JsExport method " + method.getSimpleName() + " must not be private: the generated "
          + flatName((TypeElement) method.getEnclosingElement()) + "Exports calls it");
      ok = false;
    }
    if (!method.getTypeParameters().isEmpty()) {
      error(method, "@JsExport method " + method.getSimpleName() + " must not be generic: JS values have no Java type arguments");
      ok = false;
    }
    String jsName = jsName(method);
    if (!IDENTIFIER.matcher(jsName).matches() || RESERVED.contains(jsName)) {
      error(method, "'" + jsName + "' is not a JS identifier that a TypeScript declaration can name: choose another with @JsExport(\"name\")");
      ok = false;
    }
    List<Param> params = new ArrayList<>();
    List<? extends VariableElement> parameters = method.getParameters();
    int jsIndex = 0;
    for (int i = 0; i < parameters.size(); i++) {
      VariableElement parameter = parameters.get(i);
      boolean rest = method.isVarArgs() && i == parameters.size() - 1;
      try {
        JsType type = mapper.map(parameter.asType(), Use.PARAM, TypeMapper.annotatedNullable(parameter));
        if (type.kind().injected()) {
          params.add(new Param(parameter.getSimpleName().toString(), type, -1, false, false));
          continue;
        }
        if (rest && type.part().kind() == Kind.CALLBACK) throw new Unsupported("a varargs parameter cannot be callbacks");
        boolean optional = type.nullable() || type.kind() == Kind.OPTIONAL;
        params.add(new Param(parameter.getSimpleName().toString(), type, jsIndex++, optional, rest));
      } catch (Unsupported e) {
        error(parameter, "parameter '" + parameter.getSimpleName() + "' of @JsExport method " + method.getSimpleName() + ": " + e.getMessage());
        ok = false;
      }
    }
    JsType result = null;
    try {
      result = mapper.map(method.getReturnType(), Use.RESULT, TypeMapper.annotatedNullable(method));
    } catch (Unsupported e) {
      error(method, "the result of @JsExport method " + method.getSimpleName() + ": " + e.getMessage());
      ok = false;
    }
    if (!ok) return null;
    boolean nullableResult = result.nullable() && result.kind() != Kind.VOID && method.getReturnType().getKind() != TypeKind.VOID;
    return new ExportedFunction(method, jsName, params, result, nullableResult);
  }

  private static String jsName(ExecutableElement method) {
    for (AnnotationMirror mirror : method.getAnnotationMirrors()) {
      if (!((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(ANNOTATION)) continue;
      for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> value : mirror.getElementValues().entrySet()) {
        if (value.getKey().getSimpleName().contentEquals("value") && !value.getValue().getValue().toString().isEmpty()) {
          return value.getValue().getValue().toString();
        }
      }
    }
    return method.getSimpleName().toString();
  }

  /** {@code Outer_Inner} for a nested class, the simple name for a top-level one. */
  private static String flatName(TypeElement type) {
    String name = type.getSimpleName().toString();
    for (Element e = type.getEnclosingElement(); e instanceof TypeElement outer; e = e.getEnclosingElement()) {
      name = outer.getSimpleName() + "_" + name;
    }
    return name;
  }

  private void error(Element element, String message) {
    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element);
  }
}
