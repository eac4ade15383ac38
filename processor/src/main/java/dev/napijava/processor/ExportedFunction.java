package dev.napijava.processor;

import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * One {@code @JsExport} static method: its JS name, parameters and result. (A JS class export
 * would hold a constructor and a list of these for its methods, getters and statics.)
 *
 * @param method the Java method
 * @param jsName the name of the JS function
 * @param params every parameter, injected ones included, in Java order
 * @param result how the result crosses to JS
 * @param nullableResult whether the result may be {@code null} ({@code @Nullable} or a box)
 */
record ExportedFunction(ExecutableElement method, String jsName, List<Param> params, JsType result, boolean nullableResult) {

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

  /** The start of error messages about parameter {@code p}, as {@code CallInfo} writes them. */
  String where(Param p) {
    return jsName + "(): argument '" + p.name() + "' (#" + (p.jsIndex() + 1) + ")";
  }
}
