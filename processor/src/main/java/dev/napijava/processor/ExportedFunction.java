package dev.napijava.processor;

import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * One exported function: a {@code @JsExport} static method, or a member of an exported class
 * (its constructor, an instance method, a getter or a static method); its JS name, parameters
 * and result.
 *
 * @param method the Java method or constructor
 * @param form what it is in JS, which decides how the generated code calls it
 * @param jsName the JS name of the function or member (the class name for a constructor)
 * @param displayName the name that error messages give it ({@code f}, {@code Counter.add}, {@code Counter})
 * @param params every parameter, injected ones included, in Java order
 * @param result how the result crosses to JS (for a constructor: the class)
 * @param nullableResult whether the result may be {@code null} ({@code @Nullable} or a box)
 */
record ExportedFunction(ExecutableElement method, Form form, String jsName, String displayName, List<Param> params,
    JsType result, boolean nullableResult) {

  /** What a function is in JS. */
  enum Form {
    /** A function on the addon's exports. */
    FUNCTION,
    /** The constructor of an exported class: {@code new Name(...)}. */
    CONSTRUCTOR,
    /** A method on the prototype of an exported class, called on the Java object. */
    METHOD,
    /** A read-only property on the prototype ({@code getX()}, {@code isX()}, a record component). */
    GETTER,
    /** A static method of an exported class. */
    STATIC;

    /** Whether the Java method is called on an instance ({@code self}). */
    boolean onInstance() {
      return this == METHOD || this == GETTER;
    }
  }

  /**
   * One parameter.
   *
   * @param name the Java name, which error messages and the TypeScript declaration use
   * @param type how it crosses from JS
   * @param jsIndex its argument index in the JS call, or -1 when it is injected
   * @param optional whether the JS argument may be missing
   * @param rest whether it takes all remaining arguments (varargs)
   */
  record Param(String name, JsType type, int jsIndex, boolean optional, boolean rest) {}

  /** The parameter names as {@code Env.function} takes them ({@code "x?"} optional, {@code "...xs"} rest). */
  List<String> declaredNames() {
    return params.stream().filter(p -> p.jsIndex() >= 0)
        .map(p -> p.rest() ? "..." + p.name() : p.optional() ? p.name() + "?" : p.name()).toList();
  }

  /** The parameters that JS passes (not injected ones). */
  List<Param> jsParams() {
    return params.stream().filter(p -> p.jsIndex() >= 0).toList();
  }

  /** The start of error messages about parameter {@code p}, as {@code CallInfo} writes them. */
  String where(Param p) {
    return displayName + "(): argument '" + p.name() + "' (#" + (p.jsIndex() + 1) + ")";
  }
}
