package dev.napijava.processor;

import dev.napijava.processor.ExportedFunction.Form;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The {@code @JsExport} processor. For each owner of exports (a class with exported static
 * methods, or the enclosing class of exported classes; see {@link ExportedClass}) it generates
 * {@code <Owner>Exports.java} (in the owner's package, under the compiler's generated-sources
 * folder) and {@code <Owner>.d.ts} (at the root of the class output, so in the jar). Every
 * problem is a compile error at the element, with the reason.
 *
 * <p>Use it through the compiler's processor path ({@code annotationProcessorPaths} of the
 * maven-compiler-plugin, {@code annotationProcessor} in Gradle).
 *
 * <p>Thread: javac's (annotation processors run on the compiler's thread, one round at a time).
 */
public final class JsExportProcessor extends AbstractProcessor {
  private static final String ANNOTATION = ExportedClass.ANNOTATION;
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
    Map<TypeElement, Owned> byOwner = new LinkedHashMap<>();
    for (Element element : round.getElementsAnnotatedWith(annotation)) {
      Element enclosing = element.getEnclosingElement();
      boolean inExportedClass = enclosing instanceof TypeElement type && ExportedClass.isExported(type);
      switch (element.getKind()) {
        case CLASS, RECORD -> {
          TypeElement type = (TypeElement) element;
          byOwner.computeIfAbsent(ExportedClass.owner(type), o -> new Owned()).classes.add(type);
        }
        case METHOD -> {
          // The methods of an exported class are collected with their class.
          if (!inExportedClass) byOwner.computeIfAbsent((TypeElement) enclosing, o -> new Owned()).methods.add((ExecutableElement) element);
        }
        case CONSTRUCTOR -> {
          if (!inExportedClass) {
            error(element, "@JsExport on a constructor chooses the constructor of an exported class: mark the class "
                + enclosing.getSimpleName() + " @JsExport too");
          }
        }
        default -> error(element, "@JsExport applies to static methods, to public classes and records (exported as JS "
            + "classes), and to the constructors and methods of those; not to " + element.getKind().toString().toLowerCase(java.util.Locale.ROOT)
            + (element.getKind() == ElementKind.ENUM ? " (an enum crosses as a string union without it)" : ""));
      }
    }
    for (Map.Entry<TypeElement, Owned> entry : byOwner.entrySet()) {
      generate(entry.getKey(), entry.getValue());
    }
    return true;
  }

  /** The exports registered by one owner's generated class. */
  private static final class Owned {
    final List<ExecutableElement> methods = new ArrayList<>();
    final List<TypeElement> classes = new ArrayList<>();
  }

  private void generate(TypeElement owner, Owned owned) {
    FunctionMapper mapper = new FunctionMapper(new TypeMapper(processingEnv), processingEnv.getMessager());
    boolean ok = owned.methods.isEmpty() || mapper.reachable(owner, owned.methods.get(0), "@JsExport methods");
    List<ExportedFunction> functions = new ArrayList<>();
    List<ExportedClass> classes = new ArrayList<>();
    Map<String, String> names = new HashMap<>();
    for (ExecutableElement method : owned.methods) {
      ExportedFunction function = function(mapper, method);
      if (function == null) {
        ok = false;
      } else if (unique(names, function.jsName(), method.getSimpleName() + "(...)", method, owner)) {
        functions.add(function);
      } else {
        ok = false;
      }
    }
    for (TypeElement type : owned.classes) {
      ExportedClass exported = new ClassCollector(mapper).collect(type);
      if (exported == null) {
        ok = false;
      } else if (unique(names, exported.jsName(), "the class " + type.getSimpleName(), type, owner)) {
        classes.add(exported);
      } else {
        ok = false;
      }
    }
    if (!ok) return;
    String packageName = ExportedClass.packageOf(owner);
    String baseName = ExportedClass.flatName(owner);
    String className = baseName + "Exports";
    String exportingClass = owner.getQualifiedName().toString();
    DeclarationWriter declarations = new DeclarationWriter(processingEnv.getElementUtils(), owner);
    String dts = declarations.declarations(exportingClass, functions, classes);
    Map<String, String> simpleNames = new HashMap<>();
    for (JsType t : declarations.named().values()) {
      String tsName = DeclarationWriter.tsName(t);
      String clash = simpleNames.putIfAbsent(tsName, t.java());
      if (clash != null) {
        error(owner, "the TypeScript declarations of " + owner.getSimpleName() + " would name both " + clash + " and "
            + t.java() + " '" + tsName + "': rename one");
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
        writer.write(new GlueWriter(packageName, className, exportingClass, functions, classes).source());
      }
      FileObject file = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", baseName + ".d.ts", owner);
      try (Writer writer = file.openWriter()) {
        writer.write(dts);
      }
    } catch (IOException e) {
      error(owner, "cannot write the generated files of " + exportingClass + ": " + e.getMessage());
    }
  }

  /** Records {@code jsName} as taken by {@code what}; a compile error at {@code element} if it was taken already. */
  private boolean unique(Map<String, String> names, String jsName, String what, Element element, TypeElement owner) {
    String previous = names.putIfAbsent(jsName, what);
    if (previous == null) return true;
    error(element, "duplicate JS name '" + jsName + "': " + previous + " in " + owner.getSimpleName()
        + " is exported under that name too (rename one with @JsExport(\"otherName\"))");
    return false;
  }

  private ExportedFunction function(FunctionMapper functions, ExecutableElement method) {
    if (!method.getModifiers().contains(Modifier.STATIC)) {
      functions.error(method, "@JsExport method " + method.getSimpleName() + " must be static: JS calls it without an instance "
          + "(instance methods are exported with their class: mark the class @JsExport)");
      return null;
    }
    String jsName = ExportedClass.annotationValue(method);
    if (jsName == null) jsName = method.getSimpleName().toString();
    return functions.map(method, Form.FUNCTION, jsName, jsName, null);
  }

  private void error(Element element, String message) {
    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element);
  }
}
