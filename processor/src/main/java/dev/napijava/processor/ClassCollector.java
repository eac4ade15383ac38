package dev.napijava.processor;

import dev.napijava.processor.ExportedFunction.Form;
import dev.napijava.processor.JsType.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.ElementFilter;

/**
 * Collects the members of a {@code @JsExport} class into an {@link ExportedClass}, by this rule:
 * <ul>
 *   <li>the constructor is the one marked {@code @JsExport}, else the only public one;
 *   <li>methods marked {@code @JsExport} are exported: static ones as static methods of the JS
 *       class, instance ones as methods on its prototype, except that an instance method
 *       without parameters named {@code getX()} (or {@code isX()} returning a boolean) is the
 *       read-only property {@code x};
 *   <li>the components of a record are read-only properties;
 *   <li>{@code @JsExport("name")} renames any of them (and the class).
 * </ul>
 * Every problem is a compile error at the element.
 */
final class ClassCollector {
  /** Names that a static member cannot take: every JS function has them. */
  private static final Set<String> FUNCTION_PROPERTIES = Set.of("prototype", "name", "length");

  private final FunctionMapper functions;

  ClassCollector(FunctionMapper functions) {
    this.functions = functions;
  }

  /** The class, or null after reporting why it cannot be exported. */
  ExportedClass collect(TypeElement type) {
    String name = type.getSimpleName().toString();
    if (!type.getModifiers().contains(Modifier.PUBLIC)) {
      functions.error(type, "@JsExport class " + name + " must be public: other code takes and returns its instances");
      return null;
    }
    if (type.getModifiers().contains(Modifier.ABSTRACT)) {
      functions.error(type, "@JsExport class " + name + " must not be abstract: JS constructs it with new");
      return null;
    }
    if (!type.getTypeParameters().isEmpty()) {
      functions.error(type, "@JsExport class " + name + " must not be generic: JS values have no Java type arguments");
      return null;
    }
    if (!functions.reachable(type, type, "an exported class")) return null;
    String jsName = ExportedClass.jsNameOf(type);
    if (!FunctionMapper.isIdentifier(jsName)) {
      functions.error(type, "'" + jsName + "' is not a JS identifier that a TypeScript declaration can name: choose another with @JsExport(\"name\")");
      return null;
    }
    JsType self = new JsType(Kind.CLASS, type.getQualifiedName().toString(), List.of(), List.of(jsName), false, type, null);
    boolean ok = true;
    List<ExportedFunction> members = new ArrayList<>();
    Map<String, Element> instanceNames = new HashMap<>();
    Map<String, Element> staticNames = new HashMap<>();
    List<ExecutableElement> accessors = new ArrayList<>();
    for (RecordComponentElement component : type.getRecordComponents()) {
      ExecutableElement accessor = component.getAccessor();
      accessors.add(accessor);
      String property = ExportedClass.annotationValue(accessor);
      ok &= add(members, instanceNames, jsName, accessor, Form.GETTER, property != null ? property : component.getSimpleName().toString());
    }
    // A record's components are its canonical constructor's parameters: one error for a bad component is enough.
    if (!ok) return null;
    ExecutableElement chosen = constructor(type);
    if (chosen == null) return null;
    ExportedFunction constructor = functions.map(chosen, Form.CONSTRUCTOR, jsName, jsName, self);
    ok = constructor != null;
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (ExportedClass.annotation(method) == null || accessors.contains(method)) continue;
      String renamed = ExportedClass.annotationValue(method);
      if (method.getModifiers().contains(Modifier.STATIC)) {
        ok &= add(members, staticNames, jsName, method, Form.STATIC, renamed != null ? renamed : method.getSimpleName().toString());
        continue;
      }
      String property = property(method);
      Form form = property != null ? Form.GETTER : Form.METHOD;
      String member = renamed != null ? renamed : property != null ? property : method.getSimpleName().toString();
      ok &= add(members, instanceNames, jsName, method, form, member);
    }
    boolean disposable = functions.types().isAutoCloseable(type) && !instanceNames.containsKey("dispose");
    return ok ? new ExportedClass(type, jsName, constructor, members, disposable) : null;
  }

  /** The exported constructor of {@code type}, or null after reporting why there is none. */
  private ExecutableElement constructor(TypeElement type) {
    List<ExecutableElement> constructors = ElementFilter.constructorsIn(type.getEnclosedElements());
    List<ExecutableElement> marked = constructors.stream().filter(c -> ExportedClass.annotation(c) != null).toList();
    if (marked.size() > 1) {
      functions.error(marked.get(1), "only one constructor of " + type.getSimpleName() + " can be @JsExport: a JS class has one constructor");
      return null;
    }
    if (marked.size() == 1) return marked.get(0);
    List<ExecutableElement> open = constructors.stream().filter(c -> c.getModifiers().contains(Modifier.PUBLIC)).toList();
    if (open.size() == 1) return open.get(0);
    functions.error(type, open.isEmpty()
        ? "@JsExport class " + type.getSimpleName() + " has no public constructor for JS to call: add one, or mark one with @JsExport"
        : "@JsExport class " + type.getSimpleName() + " has " + open.size() + " public constructors: mark the one JS calls with @JsExport");
    return null;
  }

  /** Maps one member and adds it, unless its name is taken or it cannot be exported; whether it was added. */
  private boolean add(List<ExportedFunction> members, Map<String, Element> taken, String className, ExecutableElement method,
      Form form, String jsName) {
    boolean isStatic = form == Form.STATIC;
    if (isStatic && FUNCTION_PROPERTIES.contains(jsName) || !isStatic && jsName.equals("constructor")) {
      functions.error(method, "'" + jsName + "' cannot name a " + (isStatic ? "static " : "") + "member of " + className
          + ": every JS class has its own: choose another with @JsExport(\"name\")");
      return false;
    }
    Element previous = taken.putIfAbsent(jsName, method);
    if (previous != null) {
      functions.error(method, "duplicate JS member name '" + jsName + "' in class " + className + ": " + previous.getSimpleName()
          + " is exported under that name too (rename one with @JsExport(\"otherName\"))");
      return false;
    }
    ExportedFunction member = functions.map(method, form, jsName, className + "." + jsName, null);
    if (member == null) return false;
    members.add(member);
    return true;
  }

  /** {@code x} for {@code getX()} or {@code isX()} (a boolean) without parameters, else null. */
  private static String property(ExecutableElement method) {
    if (!method.getParameters().isEmpty() || method.getReturnType().getKind() == TypeKind.VOID) return null;
    String name = method.getSimpleName().toString();
    String rest;
    if (name.startsWith("get") && name.length() > 3 && Character.isUpperCase(name.charAt(3))) {
      rest = name.substring(3);
    } else if (name.startsWith("is") && name.length() > 2 && Character.isUpperCase(name.charAt(2))
        && (method.getReturnType().getKind() == TypeKind.BOOLEAN || method.getReturnType().toString().equals("java.lang.Boolean"))) {
      rest = name.substring(2);
    } else {
      return null;
    }
    // As java.beans.Introspector.decapitalize: getURL() is URL, getName() is name.
    if (rest.length() > 1 && Character.isUpperCase(rest.charAt(1))) return rest;
    return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
  }
}
