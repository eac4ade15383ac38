package dev.napijava.internal;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.napijava.JsCallback;
import dev.napijava.JsError;
import dev.napijava.bindings.napi_property_descriptor;
import dev.napijava.value.JsArray;
import dev.napijava.value.JsFunction;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsSymbol;
import dev.napijava.value.JsValue;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JS classes of one env: the constructor that {@code napi_define_class} made for each
 * {@link ClassSpec} (defined at first use, so every env gets its own), and the identity map from
 * each wrapped Java object to its wrapper (a weak {@code napi_ref}), so that a Java object
 * returned to JS again gives the same wrapper. At env teardown it closes every live
 * {@link AutoCloseable} instance.
 *
 * <p>Thread: the JS thread of the env.
 */
public final class ClassRegistry implements AutoCloseable {
  private static final Object KEY = new Object();
  private static final int OBJECT = 6, FUNCTION = 7;
  /** Constructors by the id that is their data pointer (process-wide: upcalls find them by it). */
  private static final Map<Long, Defined> CONSTRUCTORS = new ConcurrentHashMap<>();
  private static final AtomicLong IDS = new AtomicLong();
  /** Marks the data pointer of a class's init function ({@link #jsConstructor}), beside its id. */
  private static final long VIA_JS_CONSTRUCTOR = 1L << 48;
  /**
   * Makes the JS constructor of a class that extends a JS class, named {@code name}, around
   * {@code init}: {@code new C(...args)} returns {@code init(new.target, ...args)}; a call
   * without {@code new} passes undefined, which init refuses. Its {@code prototype} is
   * read-only, as a class's is.
   */
  private static final String JS_CONSTRUCTOR = """
      (function (name, init) {
        'use strict';
        const C = { [name]: function (...args) { return init(new.target, ...args); } }[name];
        Object.defineProperty(C, 'prototype', { writable: false });
        return C;
      })""";

  /** One class defined in this env. */
  private record Defined(long id, ClassSpec spec, MemorySegment constructor, MemorySegment superclass, int[] functionIds) {}

  private final NodeEnv env;
  private final Map<ClassSpec, Defined> defined = new HashMap<>();
  private final Map<Object, WrappedInstance> wrappers = new IdentityHashMap<>();
  private MemorySegment reflectConstruct = MemorySegment.NULL;
  private Object adopting;
  private boolean closed;

  private ClassRegistry(NodeEnv env) {
    this.env = env;
  }

  /** The registry of {@code env}, made at first use. Thread: the JS thread. */
  public static ClassRegistry of(NodeEnv env) {
    return env.local(KEY, ClassRegistry::new);
  }

  /**
   * The wrapper of a Java object for {@link Conversions}: the live one if it has one, else a new
   * one made by the class built for its type; null if no class was built for its type.
   */
  static JsValue wrapperOf(NodeEnv env, Object object) {
    ClassSpec spec = ClassSpec.forType(object.getClass());
    return spec == null ? null : of(env).wrapper(spec, object);
  }

  /** The constructor of {@code spec} in this env, defined now if this is its first use. */
  public JsFunction constructor(ClassSpec spec) {
    return (JsFunction) JsValue.wrap(env, reference(define(spec).constructor()));
  }

  /** The wrapper of {@code object}: its live wrapper, or a new one that does not run the factory. */
  public JsObject wrapper(ClassSpec spec, Object object) {
    if (!spec.type().isInstance(object)) {
      throw new IllegalArgumentException("a " + object.getClass().getName() + " is not a " + spec.type().getName());
    }
    WrappedInstance known = wrappers.get(object);
    if (known != null) {
      MemorySegment handle = reference(known.wrapper);
      if (!handle.equals(MemorySegment.NULL)) return (JsObject) JsValue.wrap(env, handle);
    }
    Defined cls = define(spec);
    adopting = object;
    try {
      MemorySegment out = env.out();
      env.check(napi_new_instance(env.napi(), reference(cls.constructor()), 0, MemorySegment.NULL, out));
      return (JsObject) JsValue.wrap(env, out.get(ADDRESS, 0));
    } finally {
      adopting = null;
    }
  }

  /** The Java object behind {@code value}, or a TypeError naming the class and {@code where}. */
  public Object self(ClassSpec spec, MemorySegment value, String where) {
    WrappedInstance instance = instance(spec, value);
    if (instance == null) throw notInstance(spec, value, where);
    if (instance.isClosed()) {
      throw new JsError(JsError.Kind.ERROR, "ERR_NAPI_JAVA_DISPOSED", where + ": this " + spec.name() + " was disposed");
    }
    return instance.object;
  }

  /**
   * The Java object behind the argument {@code value}, or a TypeError (code
   * {@code ERR_INVALID_ARG_TYPE}) saying that {@code where} must be an instance of the class.
   */
  public Object argument(ClassSpec spec, MemorySegment value, String where) {
    WrappedInstance instance = instance(spec, value);
    if (instance == null) {
      JsValue actual = JsValue.wrap(env, value);
      String got = actual instanceof JsObject ? "another object" : actual.typeName();
      throw JsError.typeError(where + " must be an instance of " + spec.name() + ", got " + got);
    }
    if (instance.isClosed()) {
      throw new JsError(JsError.Kind.ERROR, "ERR_NAPI_JAVA_DISPOSED", where + ": this " + spec.name() + " was disposed");
    }
    return instance.object;
  }

  /** Whether {@code value} is a wrapper made for {@code spec} (type tag check). */
  public boolean isInstance(ClassSpec spec, MemorySegment value) {
    return instance(spec, value) != null;
  }

  private boolean isFunction(MemorySegment value) {
    if (value.equals(MemorySegment.NULL)) return false;
    MemorySegment out = env.out();
    env.check(Critical.typeOf(env.napi().address(), value.address(), out.address()));
    return out.get(JAVA_INT, 0) == FUNCTION;
  }

  private WrappedInstance instance(ClassSpec spec, MemorySegment value) {
    MemorySegment napiEnv = env.napi();
    MemorySegment out = env.out();
    env.check(Critical.typeOf(napiEnv.address(), value.address(), out.address()));
    int type = out.get(JAVA_INT, 0);
    if (type != OBJECT && type != FUNCTION) return null;
    env.check(napi_check_object_type_tag(napiEnv, value, spec.tag(), out));
    if (!out.get(JAVA_BOOLEAN, 0)) return null;
    env.check(napi_unwrap(napiEnv, value, out));
    WrappedInstance instance = WrappedInstance.byId(out.get(ADDRESS, 0).address());
    return instance != null && instance.registry == this ? instance : null;
  }

  private JsError notInstance(ClassSpec spec, MemorySegment value, String where) {
    JsValue actual = JsValue.wrap(env, value);
    String got = actual instanceof JsObject ? "an object that is not one" : actual.typeName();
    return new JsError(JsError.Kind.TYPE_ERROR, "ERR_INVALID_THIS",
        where + ": 'this' must be a " + spec.name() + " instance, got " + got);
  }

  /**
   * A new JS call of a class constructor ({@link ClassConstructor}). {@code data} is the id of
   * the class: that of the {@code napi_define_class} constructor itself (a class without a JS
   * superclass), whose {@code new.target} Node-API gives; or, with {@link #VIA_JS_CONSTRUCTOR},
   * that of the {@code init} function that a JS constructor calls with {@code new.target} as its
   * first argument (a class that extends a JS class, see {@link #JS_CONSTRUCTOR}).
   */
  MemorySegment construct(long data, MemorySegment info, MemorySegment thisArg, MemorySegment[] args) throws Exception {
    boolean viaJs = (data & VIA_JS_CONSTRUCTOR) != 0;
    Defined cls = CONSTRUCTORS.get(data & ~VIA_JS_CONSTRUCTOR);
    if (cls == null) throw new IllegalStateException("a class constructor of a torn-down env was called");
    ClassSpec spec = cls.spec();
    MemorySegment newTarget;
    if (viaJs) {
      newTarget = args.length > 0 ? args[0] : MemorySegment.NULL;
      args = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
    } else {
      MemorySegment out = env.out();
      env.check(napi_get_new_target(env.napi(), info, out));
      newTarget = out.get(ADDRESS, 0);
    }
    // A call without new: Node gives NULL, other hosts (Deno) give undefined and the global
    // object as this. Whatever the host, only a function new.target is a construct call.
    if (!isFunction(newTarget)) {
      throw new JsError(JsError.Kind.TYPE_ERROR, "ERR_CONSTRUCT_CALL_REQUIRED",
          "Class constructor " + spec.name() + " cannot be invoked without 'new'");
    }
    Object object = adopting;
    adopting = null;
    boolean adopted = object != null;
    if (!adopted) {
      if (spec.factory() == null) {
        throw JsError.typeError(spec.name() + " cannot be constructed from JS: its instances are made by Java");
      }
      object = spec.factory().call(new Call(env, spec.name(), spec.params(), thisArg, args));
      if (!spec.type().isInstance(object)) {
        throw new IllegalStateException("the constructor of " + spec.name() + " returned "
            + (object == null ? "null" : "a " + object.getClass().getName()) + ", not a " + spec.type().getName());
      }
    }
    MemorySegment target = thisArg;
    if (!cls.superclass().equals(MemorySegment.NULL)) {
      target = superConstruct(cls, adopted ? new MemorySegment[0] : args, newTarget);
    }
    wrap(spec, target, object);
    return target;
  }

  /** {@code Reflect.construct(superclass, args, newTarget)}: the object that the JS superclass makes. */
  private MemorySegment superConstruct(Defined cls, MemorySegment[] args, MemorySegment newTarget) {
    if (reflectConstruct.equals(MemorySegment.NULL)) {
      JsValue construct = env.global().get("Reflect").as(JsObject.class).get("construct");
      reflectConstruct = strongReference(construct.handle());
    }
    JsFunction construct = (JsFunction) JsValue.wrap(env, reference(reflectConstruct));
    List<JsValue> values = new ArrayList<>(args.length);
    for (MemorySegment arg : args) values.add(JsValue.wrap(env, arg));
    JsValue made = construct.call(JsValue.wrap(env, reference(cls.superclass())), JsArray.of(env, values),
        JsValue.wrap(env, newTarget));
    return made.handle();
  }

  private void wrap(ClassSpec spec, MemorySegment target, Object object) {
    WrappedInstance previous = wrappers.get(object);
    WrappedInstance instance = new WrappedInstance(this, spec, object, previous != null && previous.isClosed());
    try {
      MemorySegment napiEnv = env.napi();
      MemorySegment out = env.out();
      env.check(napi_wrap(napiEnv, target, MemorySegment.ofAddress(instance.id), WrappedInstance.FINALIZE,
          MemorySegment.NULL, out));
      instance.wrapper = out.get(ADDRESS, 0);
      env.check(napi_type_tag_object(napiEnv, target, spec.tag()));
    } catch (RuntimeException e) {
      instance.remove();
      throw e;
    }
    wrappers.put(object, instance);
  }

  /** The wrap finalizer's work: forget the wrapper, and close the object unless a newer wrapper has it. */
  void collected(WrappedInstance instance) throws Exception {
    if (closed) return; // teardown closed it already
    if (wrappers.get(instance.object) == instance) wrappers.remove(instance.object);
    if (!env.isClosed()) napi_delete_reference(env.raw(), instance.wrapper);
    if (!wrappers.containsKey(instance.object)) instance.close();
  }

  /** {@code dispose()}: closes the object behind {@code value} once; a TypeError if it is not an instance. */
  Object dispose(ClassSpec spec, MemorySegment value, String where) throws Exception {
    WrappedInstance instance = instance(spec, value);
    if (instance == null) throw notInstance(spec, value, where);
    instance.close();
    return null;
  }

  private Defined define(ClassSpec spec) {
    env.napi();
    if (closed) throw new IllegalStateException("the env is being torn down");
    Defined known = defined.get(spec);
    if (known != null) return known;
    JsFunction superclass = spec.superclass() == null ? null : spec.superclass().apply(env);
    if (spec.superclass() != null && superclass == null) {
      throw new IllegalArgumentException("the superclass of " + spec.name() + " is null");
    }
    long id = IDS.incrementAndGet();
    List<Integer> functionIds = new ArrayList<>();
    MemorySegment constructor;
    try (Arena arena = Arena.ofConfined()) {
      // Statics go to napi_define_class. Instance members go to the prototype afterwards with
      // napi_define_properties: napi_define_class would give methods a V8 signature, which
      // refuses instances made by a JS superclass and answers a wrong this with "Illegal
      // invocation"; the type tag check of every member does that job and names the class.
      List<MemorySegment> statics = new ArrayList<>();
      List<MemorySegment> prototype = new ArrayList<>();
      for (ClassSpec.Member member : spec.members()) {
        boolean isStatic = member instanceof ClassSpec.StaticMethod || member instanceof ClassSpec.StaticValue;
        (isStatic ? statics : prototype).add(descriptor(arena, spec, member, functionIds));
      }
      JsSymbol toStringTag = wellKnownSymbol("toStringTag");
      if (toStringTag != null) {
        MemorySegment tag = napi_property_descriptor.allocate(arena);
        napi_property_descriptor.name(tag, toStringTag.handle());
        napi_property_descriptor.value(tag, env.string(spec.name()).handle());
        napi_property_descriptor.attributes(tag, napi_configurable());
        prototype.add(tag);
      }
      if (spec.disposable()) {
        JsCallback dispose = call -> dispose(spec, ((Call) call).thisHandle(), spec.name() + ".dispose");
        if (!spec.declares("dispose")) {
          prototype.add(method(arena, "dispose", null, register(spec.name() + ".dispose", dispose, functionIds), 0));
        }
        JsSymbol symbol = wellKnownSymbol("dispose");
        if (symbol != null) {
          prototype.add(method(arena, null, symbol, register(spec.name() + ".dispose", dispose, functionIds), 0));
        }
      }
      if (superclass == null) {
        MemorySegment out = env.out();
        env.check(napi_define_class(env.napi(), arena.allocateFrom(spec.name()), NodeCalls.AUTO_LENGTH, ClassConstructor.STUB,
            MemorySegment.ofAddress(id), statics.size(), array(arena, statics), out));
        constructor = out.get(ADDRESS, 0);
      } else {
        constructor = jsConstructor(arena, spec, id);
        for (MemorySegment member : statics) {
          napi_property_descriptor.attributes(member, napi_property_descriptor.attributes(member) & ~napi_static());
        }
        env.check(napi_define_properties(env.napi(), constructor, statics.size(), array(arena, statics)));
      }
      MemorySegment proto = ((JsObject) JsValue.wrap(env, constructor)).get("prototype").handle();
      env.check(napi_define_properties(env.napi(), proto, prototype.size(), array(arena, prototype)));
    } catch (RuntimeException e) {
      for (int functionId : functionIds) Functions.unregister(functionId);
      throw e;
    }
    if (superclass != null) inherit(constructor, superclass);
    Defined cls = new Defined(id, spec, strongReference(constructor),
        superclass == null ? MemorySegment.NULL : strongReference(superclass.handle()),
        functionIds.stream().mapToInt(Integer::intValue).toArray());
    CONSTRUCTORS.put(id, cls);
    defined.put(spec, cls);
    return cls;
  }

  /**
   * The constructor of a class that extends a JS class: a JS function (made by
   * {@link #JS_CONSTRUCTOR}) that calls a Java init function with {@code new.target} and its
   * arguments and returns the object the init made ({@code Reflect.construct} of the superclass,
   * wrapped). A {@code napi_define_class} constructor cannot do this on every host: the object it
   * returns replaces {@code this} in Node and Deno, but Bun ignores it and gives the caller the
   * {@code this} it made, which the superclass never initialized. A JS function's returned
   * object replaces {@code this} by the language's own rule, on every host.
   */
  private MemorySegment jsConstructor(Arena arena, ClassSpec spec, long id) {
    MemorySegment out = env.out();
    env.check(napi_create_function(env.napi(), arena.allocateFrom(spec.name()), NodeCalls.AUTO_LENGTH, ClassConstructor.STUB,
        MemorySegment.ofAddress(id | VIA_JS_CONSTRUCTOR), out));
    JsValue init = JsValue.wrap(env, out.get(ADDRESS, 0));
    return env.runScript(JS_CONSTRUCTOR).as(JsFunction.class).call(spec.name(), init).handle();
  }

  private static MemorySegment array(Arena arena, List<MemorySegment> descriptors) {
    MemorySegment array = arena.allocate(napi_property_descriptor.layout(), Math.max(1, descriptors.size()));
    for (int i = 0; i < descriptors.size(); i++) napi_property_descriptor.asSlice(array, i).copyFrom(descriptors.get(i));
    return array;
  }

  /** {@code Object.setPrototypeOf(C.prototype, S.prototype); Object.setPrototypeOf(C, S)}. */
  private void inherit(MemorySegment constructor, JsFunction superclass) {
    JsObject object = env.global().get("Object").as(JsObject.class);
    JsFunction setPrototypeOf = object.get("setPrototypeOf").as(JsFunction.class);
    JsObject ctor = (JsObject) JsValue.wrap(env, constructor);
    setPrototypeOf.call(ctor.get("prototype"), superclass.get("prototype"));
    setPrototypeOf.call(ctor, superclass);
  }

  private MemorySegment descriptor(Arena arena, ClassSpec spec, ClassSpec.Member member, List<Integer> functionIds) {
    String where = spec.name() + "." + member.name();
    return switch (member) {
      case ClassSpec.Method m -> method(arena, m.name(), null,
          register(where, call -> m.body().call(self(spec, ((Call) call).thisHandle(), where), call), functionIds, m.params()),
          0);
      case ClassSpec.Accessor a -> {
        JsCallback body = call -> {
          Object self = self(spec, ((Call) call).thisHandle(), where);
          if (call.length() == 0) return a.getter().call(self, call);
          a.setter().call(self, call);
          return null;
        };
        MemorySegment descriptor = napi_property_descriptor.allocate(arena);
        napi_property_descriptor.utf8name(descriptor, arena.allocateFrom(a.name()));
        if (a.getter() != null) napi_property_descriptor.getter(descriptor, Functions.dispatcher());
        if (a.setter() != null) napi_property_descriptor.setter(descriptor, Functions.dispatcher());
        napi_property_descriptor.data(descriptor, MemorySegment.ofAddress(register(where, body, functionIds, "value")));
        napi_property_descriptor.attributes(descriptor, napi_configurable());
        yield descriptor;
      }
      case ClassSpec.StaticMethod s -> method(arena, s.name(), null, register(where, s.body(), functionIds, s.params()),
          napi_static());
      case ClassSpec.StaticValue v -> {
        MemorySegment descriptor = napi_property_descriptor.allocate(arena);
        napi_property_descriptor.utf8name(descriptor, arena.allocateFrom(v.name()));
        napi_property_descriptor.value(descriptor, env.toJs(v.value()).handle());
        napi_property_descriptor.attributes(descriptor, napi_static() | napi_enumerable());
        yield descriptor;
      }
    };
  }

  private static MemorySegment method(Arena arena, String name, JsSymbol symbol, int functionId, int extraAttributes) {
    MemorySegment descriptor = napi_property_descriptor.allocate(arena);
    if (name != null) napi_property_descriptor.utf8name(descriptor, arena.allocateFrom(name));
    if (symbol != null) napi_property_descriptor.name(descriptor, symbol.handle());
    napi_property_descriptor.method(descriptor, Functions.dispatcher());
    napi_property_descriptor.data(descriptor, MemorySegment.ofAddress(functionId));
    napi_property_descriptor.attributes(descriptor, napi_writable() | napi_configurable() | extraAttributes);
    return descriptor;
  }

  private int register(String where, JsCallback body, List<Integer> functionIds, String... params) {
    int functionId = Functions.register(new Functions.Entry(env, where, params, body));
    functionIds.add(functionId);
    return functionId;
  }

  /** {@code Symbol[name]}, or null where this Node does not have it. */
  private JsSymbol wellKnownSymbol(String name) {
    JsValue symbol = env.global().get("Symbol").as(JsObject.class).get(name);
    return symbol instanceof JsSymbol s ? s : null;
  }

  private MemorySegment strongReference(MemorySegment handle) {
    return env.newReference(handle, 1);
  }

  /** The value of a reference (NULL once a weak one's value is collected). */
  private MemorySegment reference(MemorySegment ref) {
    MemorySegment out = env.out();
    env.check(Critical.getReferenceValue(env.napi().address(), ref.address(), out.address()));
    return out.get(ADDRESS, 0);
  }

  /**
   * Env teardown (an env value closed by {@link NodeEnv#close}, on the JS thread): closes every
   * live instance once, then forgets the classes; finalizers that Node runs later find nothing.
   */
  @Override
  public void close() {
    closed = true;
    List<WrappedInstance> live = new ArrayList<>(wrappers.values());
    wrappers.clear();
    for (WrappedInstance instance : live) {
      instance.remove();
      try {
        instance.close();
      } catch (Throwable t) {
        Errors.report("closing a " + instance.spec.name() + " at env teardown", t);
      }
    }
    for (Defined cls : defined.values()) {
      CONSTRUCTORS.remove(cls.id());
      for (int functionId : cls.functionIds()) Functions.unregister(functionId);
      napi_delete_reference(env.raw(), cls.constructor());
      if (!cls.superclass().equals(MemorySegment.NULL)) napi_delete_reference(env.raw(), cls.superclass());
    }
    defined.clear();
    if (!reflectConstruct.equals(MemorySegment.NULL)) napi_delete_reference(env.raw(), reflectConstruct);
  }

  @Override
  public String toString() {
    return "ClassRegistry" + Arrays.toString(defined.keySet().stream().map(ClassSpec::name).toArray());
  }
}
