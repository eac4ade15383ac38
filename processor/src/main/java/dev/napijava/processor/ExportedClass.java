package dev.napijava.processor;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/**
 * One {@code @JsExport} class: a JS class backed by {@code dev.napijava.JsClass}, with its
 * constructor, instance methods, getters and static methods. Also where the generated code
 * keeps its {@code JsClass} constant, so that any generated glue can reach it.
 *
 * <p>The exports of a compilation are grouped by <em>owner</em>: a static method's class, or for
 * an exported class its enclosing class (the nearest one that is not an exported class itself),
 * or the class itself when it is top-level. Each owner gets one {@code <Owner>Exports} and one
 * {@code <Owner>.d.ts}.
 *
 * @param element the Java class
 * @param jsName the JS class name
 * @param constructor the exported constructor
 * @param members the methods, getters and static methods, in source order
 * @param disposable whether JS instances get {@code dispose()} from {@code JsClass} (the class is
 *     {@code AutoCloseable} and exports no member named {@code dispose})
 */
record ExportedClass(TypeElement element, String jsName, ExportedFunction constructor, List<ExportedFunction> members,
    boolean disposable) {
  static final String ANNOTATION = "dev.napijava.JsExport";

  /** Whether {@code type} is a class or record annotated {@code @JsExport}. */
  static boolean isExported(TypeElement type) {
    return (type.getKind() == ElementKind.CLASS || type.getKind() == ElementKind.RECORD) && annotation(type) != null;
  }

  /** The owner whose {@code Exports} registers {@code type} (see the class comment). */
  static TypeElement owner(TypeElement type) {
    Element enclosing = type.getEnclosingElement();
    if (!(enclosing instanceof TypeElement outer)) return type;
    return isExported(outer) ? owner(outer) : outer;
  }

  /** The qualified name of the generated {@code Exports} class of {@code owner}. */
  static String exportsClass(TypeElement owner) {
    String name = flatName(owner) + "Exports";
    String pkg = packageOf(owner);
    return pkg.isEmpty() ? name : pkg + "." + name;
  }

  /** The name of the {@code JsClass} constant of {@code type} in its owner's {@code Exports}. */
  static String constantName(TypeElement type) {
    return "CLASS_" + flatName(type);
  }

  /** The {@code JsClass} constant of {@code type} as a qualified expression. */
  static String constant(TypeElement type) {
    return exportsClass(owner(type)) + "." + constantName(type);
  }

  /** The JS name of a class: {@code @JsExport("name")}, else its simple name. */
  static String jsNameOf(TypeElement type) {
    String name = annotationValue(type);
    return name != null ? name : type.getSimpleName().toString();
  }

  /** {@code Outer_Inner} for a nested class, the simple name for a top-level one. */
  static String flatName(TypeElement type) {
    String name = type.getSimpleName().toString();
    for (Element e = type.getEnclosingElement(); e instanceof TypeElement outer; e = e.getEnclosingElement()) {
      name = outer.getSimpleName() + "_" + name;
    }
    return name;
  }

  static String packageOf(Element element) {
    Element e = element;
    while (!(e instanceof PackageElement)) e = e.getEnclosingElement();
    return ((PackageElement) e).getQualifiedName().toString();
  }

  /** The {@code @JsExport} annotation on {@code element}, or null. */
  static AnnotationMirror annotation(Element element) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(ANNOTATION)) return mirror;
    }
    return null;
  }

  /** The non-empty name given by {@code @JsExport("name")} on {@code element}, or null. */
  static String annotationValue(Element element) {
    AnnotationMirror mirror = annotation(element);
    if (mirror == null) return null;
    for (var value : mirror.getElementValues().entrySet()) {
      ExecutableElement key = value.getKey();
      AnnotationValue v = value.getValue();
      if (key.getSimpleName().contentEquals("value") && !v.getValue().toString().isEmpty()) return v.getValue().toString();
    }
    return null;
  }
}
