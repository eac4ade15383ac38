package dev.napijava.value;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;

import dev.napijava.Env;
import dev.napijava.JsCallback;
import dev.napijava.JsError;
import dev.napijava.internal.Critical;
import dev.napijava.internal.NodeCalls;
import dev.napijava.internal.NodeEnv;
import java.lang.foreign.MemorySegment;

/**
 * A JS object. Property access runs JS getters, setters and proxies; an exception they throw
 * becomes a {@link dev.napijava.JsException}.
 *
 * <p>Thread: the JS thread of its env.
 */
public sealed class JsObject extends JsValue permits JsArray, JsFunction, JsTypedArray,
    JsArrayBuffer, JsDataView, JsDate, JsMap, JsSet {
  JsObject(NodeEnv env, MemorySegment handle) {
    super(env, handle);
  }

  /** A new empty object. Thread: the JS thread of {@code env}. */
  public static JsObject create(Env env) {
    NodeEnv node = (NodeEnv) env;
    MemorySegment out = node.out();
    node.check(NodeCalls.call(NodeCalls.CREATE_OBJECT, node.napi().address(), out.address()));
    return new JsObject(node, out.get(ADDRESS, 0));
  }

  /** {@code this[key]}. */
  public JsValue get(String key) {
    return wrap(env, property(key));
  }

  /** {@code this[key]} for any key value (string, number, symbol). */
  public JsValue get(JsValue key) {
    MemorySegment out = env.out();
    env.check(napi_get_property(env.napi(), handle, key.handle(), out));
    return wrap(env, out.get(ADDRESS, 0));
  }

  /** {@code this[key] = value}, with {@code value} converted by {@link Env#toJs}. */
  public JsObject set(String key, Object value) {
    MemorySegment js = env.toJs(value).handle;
    env.check(NodeCalls.call(NodeCalls.SET_NAMED_PROPERTY, env.napi().address(), handle.address(), env.utf8(key).address(),
        js.address()));
    return this;
  }

  /** {@code this[key] = value} for any key value. */
  public JsObject set(JsValue key, Object value) {
    MemorySegment js = env.toJs(value).handle;
    env.check(napi_set_property(env.napi(), handle, key.handle(), js));
    return this;
  }

  /** {@code key in this}. */
  public boolean has(String key) {
    MemorySegment out = env.out();
    env.check(napi_has_named_property(env.napi(), handle, env.utf8(key), out));
    return out.get(JAVA_BOOLEAN, 0);
  }

  /** {@code Object.hasOwn(this, key)}. */
  public boolean hasOwn(String key) {
    MemorySegment name = JsString.create(env, key);
    MemorySegment out = env.out();
    env.check(napi_has_own_property(env.napi(), handle, name, out));
    return out.get(JAVA_BOOLEAN, 0);
  }

  /** {@code delete this[key]}; whether it was deleted. */
  public boolean delete(String key) {
    MemorySegment name = JsString.create(env, key);
    MemorySegment out = env.out();
    env.check(napi_delete_property(env.napi(), handle, name, out));
    return out.get(JAVA_BOOLEAN, 0);
  }

  /** {@code Object.keys(this)}: own enumerable string keys. */
  public JsArray keys() {
    MemorySegment out = env.out();
    env.check(napi_get_property_names(env.napi(), handle, out));
    return new JsArray(env, out.get(ADDRESS, 0));
  }

  /** Sets {@code this[name]} to a function that runs {@code body}; see {@link Env#function}. */
  public JsObject setFunction(String name, JsCallback body, String... params) {
    return set(name, JsFunction.of(env, name, body, params));
  }

  /** {@code this[key]} read as a Java string; a {@code TypeError} if it is not a string. */
  public String getString(String key) {
    MemorySegment value = property(key);
    String text = JsString.tryRead(env, value);
    if (text == null) throw notA(JsString.class, value);
    return text;
  }

  /** {@code this[key]} read as a double; a {@code TypeError} if it is not a number. */
  public double getNumber(String key) {
    MemorySegment value = property(key);
    MemorySegment out = env.out();
    int status = Critical.getValueDouble(env.napi().address(), value.address(), out.address());
    if (status == napi_number_expected()) throw notA(JsNumber.class, value);
    env.check(status);
    return out.get(JAVA_DOUBLE, 0);
  }

  /** The handle of {@code this[key]}, without a wrapper. */
  private MemorySegment property(String key) {
    MemorySegment out = env.out();
    env.check(napi_get_named_property(env.napi(), handle, env.utf8(key), out));
    return out.get(ADDRESS, 0);
  }

  /** The {@code TypeError} of {@link #as} for {@code value}, which is not a {@code type}. */
  private JsError notA(Class<? extends JsValue> type, MemorySegment value) {
    return JsError.typeError("expected " + describeType(type) + ", got " + wrap(env, value).typeName());
  }

  /** {@code this instanceof constructor}. */
  public boolean isInstanceOf(JsFunction constructor) {
    MemorySegment out = env.out();
    env.check(napi_instanceof(env.napi(), handle, constructor.handle(), out));
    return out.get(JAVA_BOOLEAN, 0);
  }

  @Override
  public String typeName() {
    return "object";
  }
}
