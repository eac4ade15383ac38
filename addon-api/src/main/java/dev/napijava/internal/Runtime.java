package dev.napijava.internal;

import dev.napijava.CallInfo;
import dev.napijava.JsError;
import dev.napijava.value.JsFunction;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsString;
import dev.napijava.value.JsValue;
import java.lang.foreign.MemorySegment;

/**
 * What the C launcher calls: {@link #bind}, once per env, with the one JNI call of that env.
 * It puts a {@code load(jarPath, addonClass, require)} function on the launcher's object; from then on
 * JS reaches Java only through FFM upcalls.
 */
public final class Runtime {
  private Runtime() {}

  /** The one JNI entry point. Runs on the env's JS thread; never throws. */
  static void bind(long envAddress, long exportsAddress) {
    MemorySegment napiEnv = MemorySegment.ofAddress(envAddress);
    NodeEnv env = null;
    try {
      env = Envs.bind(napiEnv);
      JsObject target = (JsObject) JsValue.wrap(env, MemorySegment.ofAddress(exportsAddress));
      target.setFunction("load", Runtime::load, "jarPath", "addonClass?", "require?");
      long version = Strings.createAtStartup(env, System.getProperty("java.version"));
      target.set("javaVersion", JsValue.wrap(env, MemorySegment.ofAddress(version)));
    } catch (Throwable t) {
      if (env != null) Errors.throwToJs(env, t);
      else Errors.report("napi-java bind", t);
    }
  }

  /** JS {@code load(jarPath, addonClass?)}: a fresh exports object filled by the addon's init. */
  private static Object load(CallInfo call) {
    NodeEnv env = (NodeEnv) call.env();
    String jarPath = call.length() > 0 ? Strings.readAtStartup(env, call.arg(0).handle().address()) : null;
    if (jarPath == null) throw call.typeError(0, "a string");
    JsValue choice = call.arg(1);
    String addonClass = choice instanceof JsString ? Strings.readAtStartup(env, choice.handle().address()) : null;
    if (addonClass == null && call.length() > 1 && !choice.typeName().equals("undefined") && !choice.typeName().equals("null")) {
      throw call.typeError(1, "a string (an Addon class name)");
    }
    if (call.arg(2) instanceof JsFunction require) env.setRequire(require);
    var addon = AddonJars.instantiate(jarPath, addonClass);
    JsObject exports = call.env().object();
    try {
      addon.init(call.env(), exports);
    } catch (Exception | LinkageError e) {
      throw new JsError(JsError.Kind.ERROR, "ERR_NAPI_JAVA_ADDON_INIT",
          "napi-java: " + addon.getClass().getName() + ".init() failed: " + e, e);
    }
    return exports;
  }
}
