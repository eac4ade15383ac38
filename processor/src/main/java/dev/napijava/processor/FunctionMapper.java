package dev.napijava.processor;

import dev.napijava.processor.ExportedFunction.Form;
import dev.napijava.processor.ExportedFunction.Param;
import dev.napijava.processor.JsType.Kind;
import dev.napijava.processor.TypeMapper.Unsupported;
import dev.napijava.processor.TypeMapper.Use;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.tools.Diagnostic;

/**
 * Maps one Java method or constructor to an {@link ExportedFunction} (its parameters and
 * result through the {@link TypeMapper}), reporting each problem as a compile error at the
 * element; the checks that every exported function and class share live here too.
 */
final class FunctionMapper {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
  private static final Set<String> RESERVED = Set.of(
      "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum",
      "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null",
      "return", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield",
      "let", "static", "implements", "interface", "package", "private", "protected", "public", "await", "arguments", "eval");

  private final TypeMapper types;
  private final Messager messager;

  FunctionMapper(TypeMapper types, Messager messager) {
    this.types = types;
    this.messager = messager;
  }

  /** The type mapper that this mapper uses. */
  TypeMapper types() {
    return types;
  }

  /** Whether {@code name} is a JS identifier that a TypeScript declaration can name. */
  static boolean isIdentifier(String name) {
    return IDENTIFIER.matcher(name).matches() && !RESERVED.contains(name);
  }

  /**
   * The function for {@code method}, or null after reporting why it cannot be exported.
   *
   * @param constructed for a constructor, the exported class it makes; else null
   */
  ExportedFunction map(ExecutableElement method, Form form, String jsName, String displayName, JsType constructed) {
    boolean ok = true;
    String what = form == Form.FUNCTION ? "@JsExport method " + method.getSimpleName()
        : form == Form.CONSTRUCTOR ? "the constructor of " + displayName : displayName;
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      error(method, what + " must not be private: the generated "
          + ExportedClass.flatName(ExportedClass.owner((TypeElement) method.getEnclosingElement())) + "Exports calls it");
      ok = false;
    }
    if (!method.getTypeParameters().isEmpty()) {
      error(method, what + " must not be generic: JS values have no Java type arguments");
      ok = false;
    }
    if (form != Form.CONSTRUCTOR && !isIdentifier(jsName)) {
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
        JsType type = types.map(parameter.asType(), Use.PARAM, TypeMapper.annotatedNullable(parameter));
        if (type.kind().injected()) {
          params.add(new Param(parameter.getSimpleName().toString(), type, -1, false, false));
          continue;
        }
        if (rest && type.part().kind() == Kind.CALLBACK) throw new Unsupported("a varargs parameter cannot be callbacks");
        boolean optional = type.nullable() || type.kind() == Kind.OPTIONAL;
        params.add(new Param(parameter.getSimpleName().toString(), type, jsIndex++, optional, rest));
      } catch (Unsupported e) {
        error(parameter, "parameter '" + parameter.getSimpleName() + "' of " + what + ": " + e.getMessage());
        ok = false;
      }
    }
    JsType result = constructed;
    if (result == null) {
      try {
        RecordComponentElement component = component(method);
        boolean nullable = TypeMapper.annotatedNullable(method) || component != null && TypeMapper.annotatedNullable(component);
        result = types.map(method.getReturnType(), Use.RESULT, nullable);
      } catch (Unsupported e) {
        // A record's accessor may be implicit, without a place in the source: report at the component.
        RecordComponentElement component = component(method);
        error(component != null ? component : method, "the result of " + what + ": " + e.getMessage());
        ok = false;
      }
    }
    if (!ok) return null;
    boolean nullableResult = result.nullable() && result.kind() != Kind.VOID && method.getReturnType().getKind() != TypeKind.VOID;
    return new ExportedFunction(method, form, jsName, displayName, params, result, nullableResult);
  }

  /** The record component whose accessor {@code method} is, or null. */
  private static RecordComponentElement component(ExecutableElement method) {
    if (!(method.getEnclosingElement() instanceof TypeElement type) || type.getKind() != ElementKind.RECORD) return null;
    for (RecordComponentElement component : type.getRecordComponents()) {
      if (method.equals(component.getAccessor())) return component;
    }
    return null;
  }

  /**
   * Whether the generated class, in the same package, can reach {@code type} (not local,
   * anonymous, private, nor an inner class); else a compile error at {@code at}, for {@code what}
   * ("@JsExport methods", "an exported class").
   */
  boolean reachable(TypeElement type, Element at, String what) {
    for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      if (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS) {
        error(at, what + " cannot be in a local or anonymous class: the generated code cannot reach them");
        return false;
      }
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        error(at, what + " cannot be in the private class " + t.getSimpleName() + ": the generated code cannot reach them");
        return false;
      }
    }
    if (!(type.getEnclosingElement() instanceof PackageElement) && !type.getModifiers().contains(Modifier.STATIC)
        && type.getKind() == ElementKind.CLASS) {
      error(at, what + " cannot be in the inner (non-static) class " + type.getSimpleName());
      return false;
    }
    return true;
  }

  void error(Element element, String message) {
    messager.printMessage(Diagnostic.Kind.ERROR, message, element);
  }
}
