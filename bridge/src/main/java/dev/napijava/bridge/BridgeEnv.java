package dev.napijava.bridge;

import dev.napijava.CallInfo;
import dev.napijava.Channel;
import dev.napijava.Deferred;
import dev.napijava.Env;
import dev.napijava.EnvLocal;
import dev.napijava.JsClass;
import dev.napijava.JsError;
import dev.napijava.JsException;
import dev.napijava.JsRef;
import dev.napijava.value.JsArray;
import dev.napijava.value.JsFunction;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsValue;
import dev.napijava.bindings.NodeApi;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The dynamic bridge in one env: the JS class made for each Java class used there, the wrappers
 * of Java objects (one per object while JS holds it), and the conversion of Java results to JS.
 *
 * <p><b>Wrappers.</b> Every Java object that reaches JS is an instance of one hidden
 * {@link JsClass} ({@code JavaObject}, over {@code Object}, which {@link Env#toJs} never uses by
 * itself), so that any argument is recognised as a Java object by one type-tag check and the
 * identity map of the addon API gives the same wrapper back for the same object. Its prototype is
 * then set to the prototype of the JS class of the object's class: that class's prototype chain
 * follows the Java superclasses up to {@code java.lang.Object}, and holds the methods, so
 * {@code instanceof} of imported classes works; for interfaces (and for exceptions thrown as JS
 * errors) {@code Symbol.hasInstance} asks Java.
 *
 * <p><b>Results.</b> Java to JS: null is null; strings, booleans, numbers, chars and
 * {@code BigInteger} as {@link Env#toJs} converts them (a {@code long} beyond 2^53 is a BigInt);
 * primitive arrays are copied into typed arrays and object arrays into JS arrays, as there; an
 * {@code Optional} is its value or undefined; a {@code CompletionStage} is a Promise; a JS
 * object that implements a Java interface is itself again; every other object (collections,
 * maps, records, enum constants, ...) is a wrapper, by reference, with its Java methods, and
 * iterable from JS when it is an {@code Iterable}, an {@code Iterator}, a {@code Map} or a stream;
 * a {@code Collection} has {@code length}, a {@code List} also {@code at(i)} and {@code list[i]}
 * (read, and written: {@code set(i)} within the list, {@code add} at its end) as JS arrays do.
 *
 * <p>Thread: the JS thread of the env, except {@link #jsThreadBlocked} (any thread).
 */
final class BridgeEnv {
  /** The one JS class of every wrapper. */
  static final JsClass<Object> JAVA_OBJECT = JsClass.builder("JavaObject", Object.class).wrapExplicitlyOnly().build();
  private static final EnvLocal<BridgeEnv> BRIDGES = EnvLocal.withInitial(BridgeEnv::new);
  private static final int MAX_DEPTH = 512;
  /** The outcome of a void method, which resolves its promise with undefined. */
  private static final Object VOID = new Object();

  private static final String HELPERS = """
      (function () {
        'use strict';
        const define = Object.defineProperty;
        const setProto = Object.setPrototypeOf;
        function iterate(it) {
          return {
            next() { return it.hasNext() ? { value: it.next(), done: false } : { value: undefined, done: true }; },
            [Symbol.iterator]() { return this; },
          };
        }
        const method = (value) => ({ value, writable: true, configurable: true });
        let listGet;
        let listSet;
        const index = (key) => typeof key === 'string' && key.length < 11 && /^(?:0|[1-9][0-9]*)$/.test(key) && +key < 2147483647;
        const indexing = {
          get(target, key, receiver) { return index(key) ? listGet(receiver, +key) : Reflect.get(target, key, receiver); },
          set(target, key, value, receiver) {
            if (!index(key)) return Reflect.set(target, key, value, receiver);
            listSet(receiver, +key, value);
            return true;
          },
        };
        return {
          method(target, name, fn) { define(target, name, method(fn)); },
          accessor(target, name, get, set) { define(target, name, { get, set: set || undefined, configurable: true, enumerable: true }); },
          lazy(target, name, get) {
            define(target, name, { configurable: true, get() { const v = get(); define(target, name, { value: v, configurable: true }); return v; } });
          },
          setProto(o, p) { setProto(o, p); },
          tag(proto, name) { define(proto, Symbol.toStringTag, { value: name, configurable: true }); },
          hasInstance(ctor, fn) { define(ctor, Symbol.hasInstance, { value: fn, configurable: true }); },
          iterable(proto) { define(proto, Symbol.iterator, method(function () { return iterate(this.iterator()); })); },
          iterator(proto) { define(proto, Symbol.iterator, method(function () { return iterate(this); })); },
          mapIterable(proto) {
            define(proto, Symbol.iterator, method(function* () { for (const e of this.entrySet()) yield [e.getKey(), e.getValue()]; }));
          },
          length(proto) { define(proto, 'length', { get() { return this.size(); }, configurable: true }); },
          at(proto) {
            define(proto, 'at', method(function (index) {
              let i = Math.trunc(Number(index)) || 0;
              if (i < 0) i += this.size();
              return i >= 0 ? listGet(this, i) : undefined;
            }));
          },
          // list[i] and list[i] = v: a Proxy as the prototype of the topmost List class's
          // prototype, so that only names found on no class prototype (an index, or a missing
          // member) reach its traps; methods and length are found before it.
          indexed(proto) { setProto(proto, new Proxy(Object.create(Object.getPrototypeOf(proto)), indexing)); },
          natives(get, set) { listGet = get; listSet = set; },
          disposable(proto) {
            if (typeof Symbol.dispose === 'symbol') define(proto, Symbol.dispose, method(function () { this.close(); }));
          },
          arrayFrom(v) { return Array.from(v); },
        };
      })()""";

  /** The JS class of one Java class in this env. */
  private record ClassEntry(JavaClass model, JsRef<JsFunction> constructor, JsRef<JsObject> prototype) {}

  final Env env;
  private final Map<Class<?>, ClassEntry> classes = new HashMap<>();
  private final JsRef<JsObject> helpers;
  /** Out-parameters of the Node-API calls made here (JS thread only). */
  private final MemorySegment scratch = Arena.ofAuto().allocate(16, 8);
  private final JsRef<JsFunction> setProto;
  private final Channel channel;
  private final Thread jsThread;
  /** How many synchronous Java calls the JS thread is in (read by other threads: volatile). */
  private volatile int syncDepth;
  private int depth;

  private BridgeEnv(Env env) {
    this.env = env;
    this.jsThread = Thread.currentThread();
    JsObject made = env.runScript(HELPERS).as(JsObject.class);
    this.helpers = JsRef.strong(made);
    this.setProto = JsRef.strong(made.get("setProto").as(JsFunction.class));
    this.channel = Channel.of(env);
    made.get("natives").as(JsFunction.class).callWith(made,
        env.function("listGet", this::listGet, "list", "index"), env.function("listSet", this::listSet, "list", "index", "value"));
  }

  /** The bridge of {@code env}, made at first use. Thread: the JS thread of env. */
  static BridgeEnv of(Env env) {
    return BRIDGES.get(env);
  }

  Channel channel() {
    return channel;
  }

  private JsValue helper(String name, Object... args) {
    JsObject h = helpers.get();
    return h.get(name).as(JsFunction.class).callWith(h, args);
  }

  // ---- wrappers ------------------------------------------------------------------------------

  /** The Java object behind a wrapper, or null when {@code value} is none. */
  Object unwrapOrNull(JsValue value) {
    if (!(value instanceof JsObject) || value instanceof JsArray || value instanceof JsFunction) return null;
    return JAVA_OBJECT.isInstance(value) ? JAVA_OBJECT.unwrap(value) : null;
  }

  /** Whether {@code object} is a plain JS object, not a wrapper (for the interface and Map rules). */
  boolean isPlain(JsObject object) {
    return unwrapOrNull(object) == null;
  }

  /** What a JS value is, for error messages: "number", "array", "a Java java.util.ArrayList". */
  String describe(JsValue value) {
    Object object = unwrapOrNull(value);
    if (object != null) return "a Java " + object.getClass().getName();
    return value.typeName();
  }

  /**
   * The wrapper of {@code object} (not null): the same one while JS holds it. A new wrapper gets
   * the prototype of its class; the check that it has it is two Node-API calls (not a JS call),
   * since most wrappers returned are ones JS already holds.
   */
  JsObject wrap(Object object) {
    JsObject wrapper = JAVA_OBJECT.wrap(env, object);
    ClassEntry entry = entry(object.getClass());
    JsObject prototype = entry.prototype().get();
    MemorySegment napiEnv = env.napiEnv();
    boolean has = NodeApi.napi_get_prototype(napiEnv, wrapper.handle(), scratch) == 0
        && NodeApi.napi_strict_equals(napiEnv, scratch.get(ValueLayout.ADDRESS, 0), prototype.handle(), scratch.asSlice(8)) == 0
        && scratch.get(ValueLayout.JAVA_BOOLEAN, 8);
    if (!has) setProto.get().call(wrapper, prototype);
    return wrapper;
  }

  /** {@code Array.from(value)}. */
  JsValue arrayFrom(JsValue value) {
    return helper("arrayFrom", value);
  }

  /** Guards the nesting of a JS value being converted ({@code where} names it): a RangeError past the limit. */
  void enter(String where) {
    if (++depth > MAX_DEPTH) {
      depth = 0;
      throw JsError.rangeError(where + ": a JS value nested more than " + MAX_DEPTH + " deep (or cyclic) cannot be converted to Java");
    }
  }

  void exit() {
    if (depth > 0) depth--;
  }

  // ---- Java to JS ----------------------------------------------------------------------------

  /** A Java value as JS, by the rules in the class comment. */
  JsValue toJs(Object value) {
    return switch (value) {
      case null -> env.nullValue();
      case String s -> env.string(s);
      case Boolean b -> env.bool(b);
      case Integer i -> env.number(i);
      case Double d -> env.number(d);
      case Long l -> env.toJs(l);
      case Short s -> env.number(s);
      case Byte b -> env.number(b);
      case Float f -> env.number(f);
      case Character c -> env.string(c.toString());
      case BigInteger big -> env.toJs(big);
      case Optional<?> o -> o.isPresent() ? toJs(o.get()) : env.undefined();
      case OptionalInt o -> o.isPresent() ? env.number(o.getAsInt()) : env.undefined();
      case OptionalLong o -> o.isPresent() ? env.toJs(o.getAsLong()) : env.undefined();
      case OptionalDouble o -> o.isPresent() ? env.number(o.getAsDouble()) : env.undefined();
      case CompletionStage<?> stage -> promise(stage);
      case Object[] array -> {
        JsArray js = env.array();
        enter("a Java array");
        try {
          for (int i = 0; i < array.length; i++) js.set(i, toJs(array[i]));
        } finally {
          exit();
        }
        yield js;
      }
      case Object o when o.getClass().isArray() -> env.toJs(o); // primitive arrays: typed array copies
      case Object o when Proxy.isProxyClass(o.getClass()) && JsProxies.jsValue(this, o) != null -> JsProxies.jsValue(this, o);
      default -> wrap(value);
    };
  }

  /** A JS Promise of {@code stage}'s outcome, converted on the JS thread. */
  private JsValue promise(CompletionStage<?> stage) {
    Deferred deferred = Deferred.create(env);
    stage.whenComplete((value, failure) -> settle(deferred, value,
        failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure));
    return deferred.promise();
  }

  /** Settles {@code deferred} with a Java outcome, converting it on the JS thread. Thread: any. */
  void settle(Deferred deferred, Object value, Throwable failure) {
    Runnable settle = () -> {
      try {
        if (failure == null) deferred.resolve(value == VOID ? env.undefined() : toJs(value));
        else deferred.reject(javaError(failure));
      } catch (RuntimeException e) {
        deferred.reject(e);
      }
    };
    if (env.isJsThread()) settle.run();
    else if (channel.post(e -> settle.run()) != dev.napijava.Status.OK) deferred.reject(new IllegalStateException("the env is gone"));
  }

  /**
   * A Java exception as the JS error to throw: the addon API's error (message, {@code javaClass},
   * {@code javaStackTrace}, {@code cause} chain) with {@code javaException}, the wrapper of the
   * exception object itself. A JS exception (a JS callback failed) is given back unchanged.
   */
  JsException javaError(Throwable failure) {
    if (failure instanceof JsException js && js.env() == env && js.hasValue()) return js;
    if (failure instanceof JsError js) return new JsException(env.toJs(js));
    JsObject error = env.toJs(failure).as(JsObject.class);
    try {
      error.set("javaException", wrap(failure));
    } catch (RuntimeException e) {
      // the error still says what happened; only instanceof of its Java class is lost
    }
    return new JsException(error);
  }

  // ---- JS classes ----------------------------------------------------------------------------

  /** The JS constructor of {@code type} in this env, made at first use. */
  JsFunction constructor(Class<?> type) {
    return entry(type).constructor().get();
  }

  private ClassEntry entry(Class<?> type) {
    ClassEntry known = classes.get(type);
    if (known != null) return known;
    JavaClass model = JavaClass.of(type);
    JsFunction constructor = env.function(model.jsName, call -> construct(model, call), "...args");
    JsObject prototype = constructor.get("prototype").as(JsObject.class);
    ClassEntry entry = new ClassEntry(model, JsRef.strong(constructor), JsRef.strong(prototype));
    classes.put(type, entry); // before the members: a method may name its own class
    Class<?> parent = type.isInterface() || type.isPrimitive() ? Object.class : type.getSuperclass();
    JsObject parentPrototype = type == Object.class ? JAVA_OBJECT.constructor(env).get("prototype").as(JsObject.class)
        : entry(parent == null ? Object.class : parent).prototype().get();
    helper("setProto", prototype, parentPrototype);
    helper("tag", prototype, model.jsName);
    defineMembers(model, constructor, prototype);
    return entry;
  }

  private void defineMembers(JavaClass model, JsFunction constructor, JsObject prototype) {
    Class<?> type = model.type;
    for (var e : model.methods.entrySet()) {
      String name = e.getKey();
      Overloads overloads = e.getValue();
      if (name.equals("constructor")) continue;
      prototype.set(name, env.function(name, call -> invoke(overloads, call, self(model, call, overloads)), "...args"));
      if (!model.methods.containsKey(name + "Async")) {
        prototype.set(name + "Async", env.function(name + "Async",
            call -> invokeAsync(overloads, call, self(model, call, overloads)), "...args"));
      }
    }
    for (JavaClass.FieldAccess field : model.fields) {
      if (model.methods.containsKey(field.name())) continue;
      ToJava setter = field.setter() == null ? null : ToJava.of(field.field().getType(), field.field().getGenericType());
      helper("accessor", prototype, field.name(),
          env.function(field.name(), call -> get(field.getter(), self(model, call, null)), "value?"),
          setter == null ? null : env.function(field.name(),
              call -> set(field, self(model, call, null), setter, call, model.jsName + "." + field.name()), "value"));
    }
    for (var e : model.statics.entrySet()) {
      String name = e.getKey();
      Overloads overloads = e.getValue();
      if (name.equals("prototype")) continue;
      helper("method", constructor, name, env.function(name, call -> invoke(overloads, call, null), "...args"));
      if (!model.statics.containsKey(name + "Async")) {
        helper("method", constructor, name + "Async", env.function(name + "Async", call -> invokeAsync(overloads, call, null), "...args"));
      }
    }
    for (JavaClass.FieldAccess field : model.staticFields) {
      if (model.statics.containsKey(field.name()) || field.name().equals("prototype")) continue;
      ToJava setter = field.setter() == null ? null : ToJava.of(field.field().getType(), field.field().getGenericType());
      helper("accessor", constructor, field.name(),
          env.function(field.name(), call -> get(field.getter(), null), "value?"),
          setter == null ? null : env.function(field.name(),
              call -> set(field, null, setter, call, model.jsName + "." + field.name()), "value"));
    }
    for (Class<?> member : model.memberClasses) {
      String name = member.getSimpleName();
      if (model.statics.containsKey(name) || name.equals("prototype")) continue;
      helper("lazy", constructor, name, env.function(name, call -> constructor(member)));
    }
    helper("lazy", constructor, "class", env.function("class", call -> wrap(type)));
    helper("hasInstance", constructor, env.function("[Symbol.hasInstance]", call -> isInstance(type, call.arg(0)), "value"));
    if (Iterable.class.isAssignableFrom(type)) helper("iterable", prototype);
    else if (Iterator.class.isAssignableFrom(type)) helper("iterator", prototype);
    else if (Map.class.isAssignableFrom(type)) helper("mapIterable", prototype);
    else if (java.util.stream.BaseStream.class.isAssignableFrom(type)) helper("iterable", prototype);
    if (java.util.Collection.class.isAssignableFrom(type)) helper("length", prototype);
    if (java.util.List.class.isAssignableFrom(type) && !model.methods.containsKey("at")) helper("at", prototype);
    if (java.util.List.class.isAssignableFrom(type) && !type.isInterface()
        && (type.getSuperclass() == null || !java.util.List.class.isAssignableFrom(type.getSuperclass()))) {
      helper("indexed", prototype);
    }
    if (AutoCloseable.class.isAssignableFrom(type)) helper("disposable", prototype);
  }

  /** {@code list[i]}: the element, or undefined past the end (or when {@code this} is no Java List, as on a prototype). */
  private Object listGet(CallInfo call) {
    if (!(unwrapOrNull(call.arg(0)) instanceof java.util.List<?> list)) return env.undefined();
    int index = (int) call.number(1);
    try {
      return index < list.size() ? toJs(list.get(index)) : env.undefined();
    } catch (RuntimeException e) {
      throw javaError(e);
    }
  }

  /** {@code list[i] = value}: set(i) within the list, add() at its end, a RangeError past it (a Java List has no holes). */
  @SuppressWarnings("unchecked")
  private Object listSet(CallInfo call) {
    if (!(unwrapOrNull(call.arg(0)) instanceof java.util.List<?> found)) {
      throw JsError.typeError("an index can be set only on a Java List, got " + describe(call.arg(0)));
    }
    java.util.List<Object> list = (java.util.List<Object>) found;
    int index = (int) call.number(1);
    Object value = ToJava.NATURAL.convert(this, call.arg(2), "list[" + index + "] = value: the value");
    int size;
    try {
      size = list.size();
      if (index < size) list.set(index, value);
      else if (index == size) list.add(value);
    } catch (RuntimeException e) {
      throw javaError(e);
    }
    if (index > size) {
      throw JsError.rangeError("list[" + index + "] = value: a Java List of " + size + " elements has no index " + index
          + " (set an index below its size, or its size to add)");
    }
    return env.undefined();
  }

  private boolean isInstance(Class<?> type, JsValue value) {
    Object object = unwrapOrNull(value);
    if (object == null && value instanceof JsObject o && !(o instanceof JsFunction) && !(o instanceof JsArray)
        && o.hasOwn("javaException")) {
      object = unwrapOrNull(o.get("javaException"));
    }
    return object != null && type.isInstance(object);
  }

  /** The receiver of an instance member: {@code this}, which must wrap an instance of the class. */
  private Object self(JavaClass model, CallInfo call, Overloads overloads) {
    Object self;
    try {
      self = JAVA_OBJECT.unwrap(call.thisArg());
    } catch (JsError notWrapper) {
      self = null;
    }
    if (self == null || !model.type.isInstance(self)) {
      String what = overloads == null ? model.jsName : overloads.name;
      throw new JsError(JsError.Kind.TYPE_ERROR, "ERR_INVALID_THIS",
          what + "(): 'this' must be a Java " + model.type.getName() + ", got " + describe(call.thisArg()));
    }
    return self;
  }

  private Object construct(JavaClass model, CallInfo call) throws Exception {
    if (model.constructors.isEmpty()) {
      String why = model.type.isInterface() ? "an interface: implement it with a JS object or function, or newProxy()"
          : java.lang.reflect.Modifier.isAbstract(model.type.getModifiers()) ? "abstract" : "a class without public constructors";
      throw JsError.typeError("new " + model.jsName + "(): " + model.type.getName() + " is " + why);
    }
    Overloads.Selected selected = model.constructors.select(this, call, null);
    // Always a wrapper, even of a String or an Integer: `new` cannot give a JS primitive.
    return wrap(call(selected));
  }

  private Object invoke(Overloads overloads, CallInfo call, Object self) throws Exception {
    Overloads.Selected selected = overloads.select(this, call, self);
    Object result = call(selected);
    return selected.target().returnType() == void.class ? null : toJs(result);
  }

  /** Runs a chosen overload on the JS thread, counting the call for {@link #jsThreadBlocked}. */
  private Object call(Overloads.Selected selected) {
    syncDepth++;
    try {
      return selected.target().invoke(selected.args());
    } catch (Throwable t) {
      throw javaError(t);
    } finally {
      syncDepth--;
    }
  }

  /** {@code nameAsync(...)}: arguments converted now, the call on a virtual thread, the outcome as a Promise. */
  private Object invokeAsync(Overloads overloads, CallInfo call, Object self) {
    Overloads.Selected selected = overloads.select(this, call, self);
    Deferred deferred = Deferred.create(env);
    JsObject promise = deferred.promise();
    Thread.ofVirtual().name("napi-java " + overloads.name).start(() -> {
      Object result = null;
      Throwable failure = null;
      try {
        result = selected.target().invoke(selected.args());
      } catch (Throwable t) {
        failure = t;
      }
      settle(deferred, selected.target().returnType() == void.class ? VOID : result, failure);
    });
    return promise;
  }

  private Object get(MethodHandle getter, Object self) {
    try {
      return toJs(self == null ? getter.invoke() : getter.invoke(self));
    } catch (Throwable t) {
      throw javaError(t);
    }
  }

  private Object set(JavaClass.FieldAccess field, Object self, ToJava converter, CallInfo call, String where) {
    Object value = converter.convert(this, call.arg(0), where + " = value: the value");
    try {
      if (self == null) field.setter().invoke(value);
      else field.setter().invoke(self, value);
    } catch (Throwable t) {
      throw javaError(t);
    }
    return null;
  }

  // ---- threads -------------------------------------------------------------------------------

  /**
   * Whether the JS thread is blocked inside a synchronous Java call (parked or waiting for a
   * lock, not sleeping for a set time): a call from another thread that needs the JS thread
   * would then wait for ever if that call waits for it. Thread: any.
   */
  boolean jsThreadBlocked() {
    if (syncDepth == 0) return false;
    Thread.State state = jsThread.getState();
    return state == Thread.State.WAITING || state == Thread.State.BLOCKED;
  }

  /** Whether the calling thread is this env's JS thread. Thread: any. */
  boolean onJsThread() {
    return Thread.currentThread() == jsThread;
  }
}
