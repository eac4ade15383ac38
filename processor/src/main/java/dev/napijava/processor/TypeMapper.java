package dev.napijava.processor;

import dev.napijava.processor.JsType.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Maps Java types to {@link JsType}s, or explains why a type cannot cross (an
 * {@link Unsupported} with the reason, reported by the processor at the element).
 */
final class TypeMapper {
  /** Where a type is used: the direction of the conversion and what that place allows. */
  enum Use {
    /** A parameter of an exported method (JS to Java). */
    PARAM,
    /** The result of an exported method (Java to JS). */
    RESULT,
    /** Inside another type, read from JS. */
    IN,
    /** Inside another type, written to JS. */
    OUT,
    /** The value of a Promise or a threadsafe function's argument, converted later on the JS thread. */
    LATER;

    boolean in() {
      return this == PARAM || this == IN;
    }
  }

  /** Why a type cannot be exported. */
  static final class Unsupported extends Exception {
    private static final long serialVersionUID = 1L;

    Unsupported(String reason) {
      super(reason, null, false, false);
    }
  }

  private static final Set<String> OBJECT_METHODS = Set.of("equals", "hashCode", "toString");
  private static final Map<String, Kind> BOXES = Map.of(
      "java.lang.Double", Kind.DOUBLE, "java.lang.Float", Kind.FLOAT, "java.lang.Integer", Kind.INT,
      "java.lang.Short", Kind.SHORT, "java.lang.Byte", Kind.BYTE, "java.lang.Long", Kind.LONG,
      "java.lang.Boolean", Kind.BOOLEAN, "java.lang.Character", Kind.CHAR);

  private final Types types;
  private final Elements elements;
  private final TypeElement jsValue;
  private final Map<String, JsType> records = new HashMap<>();
  private final Set<String> laterRecords = new java.util.HashSet<>();

  TypeMapper(ProcessingEnvironment processing) {
    this.types = processing.getTypeUtils();
    this.elements = processing.getElementUtils();
    this.jsValue = elements.getTypeElement("dev.napijava.value.JsValue");
  }

  /** Whether {@code element} carries an annotation named {@code Nullable} (any package). */
  static boolean annotatedNullable(Element element) {
    for (AnnotationMirror annotation : element.getAnnotationMirrors()) {
      if (annotation.getAnnotationType().asElement().getSimpleName().contentEquals("Nullable")) return true;
    }
    for (AnnotationMirror annotation : element.asType().getAnnotationMirrors()) {
      if (annotation.getAnnotationType().asElement().getSimpleName().contentEquals("Nullable")) return true;
    }
    return false;
  }

  /** Whether instances of {@code type} are {@code AutoCloseable}. */
  boolean isAutoCloseable(TypeElement type) {
    return types.isAssignable(type.asType(), elements.getTypeElement("java.lang.AutoCloseable").asType());
  }

  JsType map(TypeMirror type, Use use, boolean nullable) throws Unsupported {
    switch (type.getKind()) {
      case DOUBLE: return primitive(Kind.DOUBLE, type, nullable);
      case FLOAT: return primitive(Kind.FLOAT, type, nullable);
      case INT: return primitive(Kind.INT, type, nullable);
      case SHORT: return primitive(Kind.SHORT, type, nullable);
      case BYTE: return primitive(Kind.BYTE, type, nullable);
      case LONG: return primitive(Kind.LONG, type, nullable);
      case BOOLEAN: return primitive(Kind.BOOLEAN, type, nullable);
      case CHAR: return primitive(Kind.CHAR, type, nullable);
      case VOID:
        if (use == Use.RESULT) return JsType.simple(Kind.VOID, "void", false);
        throw new Unsupported("void is only a result");
      case ARRAY: return array(type, use, nullable);
      case DECLARED: return declared((DeclaredType) type, use, nullable);
      case TYPEVAR: throw new Unsupported("type variables cannot be exported: use a concrete type");
      default: throw new Unsupported("the type " + type + " cannot be exported");
    }
  }

  private JsType primitive(Kind kind, TypeMirror type, boolean nullable) throws Unsupported {
    if (nullable) throw new Unsupported("a primitive cannot be @Nullable: use its box (" + types.boxedClass((javax.lang.model.type.PrimitiveType) type).getSimpleName() + ")");
    return JsType.simple(kind, type.toString(), false);
  }

  private JsType array(TypeMirror type, Use use, boolean nullable) throws Unsupported {
    TypeMirror component = ((ArrayType) type).getComponentType();
    if (component.getKind() == TypeKind.DECLARED && !((DeclaredType) component).getTypeArguments().isEmpty()) {
      throw new Unsupported("arrays of generic types cannot be created: use a List");
    }
    if (use == Use.LATER && component.getKind().isPrimitive()) {
      throw new Unsupported("an array of primitives cannot be the value of a Promise or ThreadsafeFunction: use a List");
    }
    JsType element = map(component, nested(use), false);
    return new JsType(Kind.ARRAY, type.toString(), List.of(element), List.of(), nullable, null, null);
  }

  private static Use nested(Use use) {
    return use == Use.LATER ? Use.LATER : use.in() ? Use.IN : Use.OUT;
  }

  private JsType declared(DeclaredType type, Use use, boolean nullable) throws Unsupported {
    TypeElement element = (TypeElement) type.asElement();
    String name = element.getQualifiedName().toString();
    List<? extends TypeMirror> arguments = type.getTypeArguments();
    Kind box = BOXES.get(name);
    if (box != null) return JsType.simple(box, name, true);
    switch (name) {
      case "java.lang.String": return JsType.simple(Kind.STRING, name, nullable);
      case "java.math.BigInteger": return JsType.simple(Kind.BIGINT, name, nullable);
      case "java.lang.Void":
        if (use == Use.LATER) return JsType.simple(Kind.VOID, name, true);
        throw new Unsupported("Void is only the value of a CompletionStage");
      case "java.util.List": {
        JsType part = map(argument(arguments, "List"), nested(use), false);
        return new JsType(Kind.LIST, type.toString(), List.of(part), List.of(), nullable, null, null);
      }
      case "java.util.Optional": {
        if (use == Use.LATER) throw new Unsupported("Optional cannot be the value of a Promise: use null");
        JsType part = map(argument(arguments, "Optional"), nested(use), false);
        return new JsType(Kind.OPTIONAL, type.toString(), List.of(part), List.of(), true, null, null);
      }
      case "java.util.concurrent.CompletionStage", "java.util.concurrent.CompletableFuture": {
        if (use != Use.RESULT) throw new Unsupported(element.getSimpleName() + " is only supported as the result of an exported method (a Promise)");
        TypeMirror value = argument(arguments, element.getSimpleName().toString());
        // An enum value is mapped to its name before it crosses; anything else converts as Env.toJs does.
        boolean isEnum = value.getKind() == TypeKind.DECLARED && ((DeclaredType) value).asElement().getKind() == ElementKind.ENUM;
        JsType part = map(value, isEnum ? Use.OUT : Use.LATER, true);
        return new JsType(Kind.FUTURE, type.toString(), List.of(part), List.of(), false, null, null);
      }
      case "dev.napijava.ThreadsafeFunction": {
        if (use != Use.PARAM) throw new Unsupported("a ThreadsafeFunction is only supported as a parameter");
        JsType part = map(argument(arguments, "ThreadsafeFunction"), Use.LATER, true);
        return new JsType(Kind.THREADSAFE_FUNCTION, type.toString(), List.of(part), List.of(), nullable, null, null);
      }
      case "dev.napijava.AbortSignal":
        // Optional in JS: no signal (undefined or null) is AbortSignal.none() in Java.
        if (use != Use.PARAM) throw new Unsupported("an AbortSignal is only supported as a parameter");
        return JsType.simple(Kind.ABORT_SIGNAL, name, true);
      case "dev.napijava.Env": return injected(Kind.ENV, name, use);
      case "dev.napijava.CallInfo": return injected(Kind.CALL_INFO, name, use);
      case "dev.napijava.Channel": return injected(Kind.CHANNEL, name, use);
      default: break;
    }
    if (types.isSubtype(types.erasure(type), types.erasure(jsValue.asType()))) {
      if (use == Use.LATER) throw new Unsupported("a JS value cannot be converted later, off its call: use a plain Java type");
      return new JsType(Kind.JS_VALUE, name, List.of(), List.of(), nullable, element, null);
    }
    if (ExportedClass.isExported(element)) {
      // An instance of an exported class: its JS wrapper (Env.toJs finds it too, for Promises).
      if (!element.getTypeParameters().isEmpty()) throw new Unsupported("the exported class " + element.getSimpleName() + " is generic");
      checkVisible(element);
      return new JsType(Kind.CLASS, name, List.of(), List.of(ExportedClass.jsNameOf(element)), nullable, element, null);
    }
    if (element.getKind() == ElementKind.ENUM) {
      if (use == Use.LATER) throw new Unsupported("an enum inside the value of a Promise or ThreadsafeFunction cannot be converted: use its name()");
      checkVisible(element);
      List<String> constants = new ArrayList<>();
      for (Element member : element.getEnclosedElements()) {
        if (member.getKind() == ElementKind.ENUM_CONSTANT) constants.add(member.getSimpleName().toString());
      }
      return new JsType(Kind.ENUM, name, List.of(), constants, nullable, element, null);
    }
    if (element.getKind() == ElementKind.RECORD) return record(type, element, use, nullable);
    if (element.getKind() == ElementKind.INTERFACE) {
      ExecutableElement method = functionalMethod(element);
      if (method != null) {
        if (use != Use.PARAM) throw new Unsupported("a callback (" + element.getSimpleName() + ") is only supported as a parameter of an exported method");
        return callback(type, element, method, nullable);
      }
    }
    throw new Unsupported("the type " + type + " cannot be exported: use a primitive, String, BigInteger, an array, "
        + "List, record, enum, @JsExport class, Optional, JsValue, functional interface, ThreadsafeFunction or CompletionStage");
  }

  private static JsType injected(Kind kind, String name, Use use) throws Unsupported {
    if (use != Use.PARAM) throw new Unsupported(name + " is only supported as a parameter (it is injected, not read from JS)");
    return JsType.simple(kind, name, false);
  }

  private static TypeMirror argument(List<? extends TypeMirror> arguments, String what) throws Unsupported {
    if (arguments.size() != 1) throw new Unsupported("a raw " + what + " cannot be exported: give its type argument");
    TypeMirror argument = arguments.get(0);
    if (argument.getKind() == TypeKind.WILDCARD) throw new Unsupported("a wildcard " + what + " cannot be exported: give a concrete type argument");
    return argument;
  }

  private void checkVisible(TypeElement element) throws Unsupported {
    for (Element e = element; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (!e.getModifiers().contains(Modifier.PUBLIC)) {
        throw new Unsupported(element.getQualifiedName() + " must be public (and so its enclosing classes): the generated code uses it");
      }
    }
  }

  private JsType record(DeclaredType type, TypeElement element, Use use, boolean nullable) throws Unsupported {
    if (!element.getTypeParameters().isEmpty()) throw new Unsupported("generic records cannot be exported");
    checkVisible(element);
    String name = element.getQualifiedName().toString();
    if (use == Use.LATER) return laterRecord(element, nullable);
    JsType known = records.get(name);
    if (known != null) return withNullable(known, nullable);
    List<JsType> parts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    // A placeholder ends recursion through the record's own components.
    JsType record = new JsType(Kind.RECORD, name, parts, names, false, element, null);
    records.put(name, record);
    try {
      for (RecordComponentElement component : element.getRecordComponents()) {
        TypeMirror componentType = component.getAccessor().getReturnType();
        boolean optional = annotatedNullable(component) || annotatedNullable(component.getAccessor());
        try {
          parts.add(mapAny(componentType, optional));
        } catch (Unsupported e) {
          throw new Unsupported("the component '" + component.getSimpleName() + "' of " + element.getSimpleName() + ": " + e.getMessage());
        }
        names.add(component.getSimpleName().toString());
      }
    } catch (Unsupported e) {
      records.remove(name);
      throw e;
    }
    return withNullable(record, nullable);
  }

  /** A record in a Promise's value: converted by Env.toJs, so its components must be too. */
  private JsType laterRecord(TypeElement element, boolean nullable) throws Unsupported {
    if (!laterRecords.add(element.getQualifiedName().toString())) throw new Unsupported("a recursive record cannot be the value of a Promise");
    try {
      return laterRecordOf(element, nullable);
    } finally {
      laterRecords.remove(element.getQualifiedName().toString());
    }
  }

  private JsType laterRecordOf(TypeElement element, boolean nullable) throws Unsupported {
    List<JsType> parts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (RecordComponentElement component : element.getRecordComponents()) {
      try {
        parts.add(map(component.getAccessor().getReturnType(), Use.LATER, annotatedNullable(component)));
      } catch (Unsupported e) {
        throw new Unsupported("the component '" + component.getSimpleName() + "' of " + element.getSimpleName() + ": " + e.getMessage());
      }
      names.add(component.getSimpleName().toString());
    }
    return new JsType(Kind.RECORD, element.getQualifiedName().toString(), parts, names, nullable, element, null);
  }

  /** A record component: read from JS and written to JS alike. */
  private JsType mapAny(TypeMirror type, boolean nullable) throws Unsupported {
    JsType in = map(type, Use.IN, nullable);
    map(type, Use.OUT, nullable);
    return in;
  }

  private static JsType withNullable(JsType type, boolean nullable) {
    return nullable == type.nullable() ? type
        : new JsType(type.kind(), type.java(), type.parts(), type.names(), nullable, type.element(), type.method());
  }

  private JsType callback(DeclaredType type, TypeElement element, ExecutableElement method, boolean nullable) throws Unsupported {
    if (!method.getTypeParameters().isEmpty()) throw new Unsupported("a callback interface with a generic method cannot be exported");
    ExecutableType signature = (ExecutableType) types.asMemberOf(type, method);
    List<JsType> parts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<? extends VariableElement> parameters = method.getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      try {
        parts.add(map(signature.getParameterTypes().get(i), Use.OUT, annotatedNullable(parameters.get(i))));
      } catch (Unsupported e) {
        throw new Unsupported("the callback " + element.getSimpleName() + "'s parameter '" + parameters.get(i).getSimpleName() + "': " + e.getMessage());
      }
      names.add(parameters.get(i).getSimpleName().toString());
    }
    TypeMirror result = signature.getReturnType();
    try {
      parts.add(result.getKind() == TypeKind.VOID ? JsType.simple(Kind.VOID, "void", false) : map(result, Use.IN, annotatedNullable(method)));
    } catch (Unsupported e) {
      throw new Unsupported("the callback " + element.getSimpleName() + "'s result: " + e.getMessage());
    }
    return new JsType(Kind.CALLBACK, type.toString(), parts, names, nullable, element, method);
  }

  /** The single abstract method of a functional interface, or null. */
  private ExecutableElement functionalMethod(TypeElement element) {
    ExecutableElement found = null;
    for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(element))) {
      if (!method.getModifiers().contains(Modifier.ABSTRACT)) continue;
      if (OBJECT_METHODS.contains(method.getSimpleName().toString())
          && method.getEnclosingElement().getSimpleName().contentEquals("Object")) continue;
      if (OBJECT_METHODS.contains(method.getSimpleName().toString()) && isObjectMethod(method)) continue;
      if (found != null) return null;
      found = method;
    }
    return found;
  }

  private boolean isObjectMethod(ExecutableElement method) {
    TypeElement object = elements.getTypeElement("java.lang.Object");
    for (ExecutableElement objectMethod : ElementFilter.methodsIn(object.getEnclosedElements())) {
      if (elements.overrides(method, objectMethod, (TypeElement) method.getEnclosingElement())) return true;
    }
    return false;
  }
}
