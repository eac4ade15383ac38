package dev.napijava;

import dev.napijava.internal.ClassRegistry;
import dev.napijava.internal.ClassSpec;
import dev.napijava.internal.NodeEnv;
import dev.napijava.value.JsFunction;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A Java class exposed to JS as a JS class, like node-addon-api's {@code ObjectWrap}, napi-rs's
 * {@code #[napi] class} or neon's {@code JsBox}: each JS instance (the <em>wrapper</em>) holds
 * one Java object, and the class's methods, getters and setters run Java code on it.
 *
 * {@snippet :
 * static final JsClass<Counter> COUNTER = JsClass.builder("Counter", Counter.class)
 *     .constructor(call -> new Counter(call.int32(0)), "start")   // new Counter(5)
 *     .method("increment", (self, call) -> self.increment())     // counter.increment()
 *     .getter("value", Counter::value)                            // counter.value
 *     .staticValue("MAX", 1000)                                   // Counter.MAX
 *     .build();
 *
 * public void init(Env env, JsObject exports) {
 *   exports.set("Counter", COUNTER.constructor(env));
 * }
 * }
 *
 * <p><b>One class, one constructor per env.</b> A {@code JsClass} holds no JS handle and is
 * usually a static constant. {@link #constructor(Env)} defines the JS class in an env with
 * {@code napi_define_class} the first time it is asked for there, so the main thread and every
 * worker get their own constructor. {@code new Name(args)} runs the factory given to
 * {@link Builder#constructor}; calling {@code Name(args)} without {@code new} is a
 * {@code TypeError} (code {@code ERR_CONSTRUCT_CALL_REQUIRED}), told by {@code new.target} on
 * every host. {@code instanceof}, {@code Name.name} and {@code Object.prototype.toString}
 * ({@code [object Name]}, through {@code Symbol.toStringTag}) behave as for a JS class. A JS
 * subclass ({@code class Sub extends Name}) works: Java methods get the subclass instance as
 * {@link CallInfo#thisArg()}. {@link Builder#extendsClass} makes the class extend a JS class (for
 * instance Node's {@code EventEmitter}); extending a class built here is not supported.
 *
 * <p><b>{@code this} is checked.</b> Instances carry a Node-API type tag
 * ({@code napi_type_tag_object}) unique to this {@code JsClass}: a method called on a plain
 * object, on an instance of another class or of another addon's class is a {@code TypeError}
 * (code {@code ERR_INVALID_THIS}) that names the class, never a {@code ClassCastException}.
 *
 * <p><b>Identity.</b> A Java function that returns a Java object of a type with a
 * {@code JsClass} returns its wrapper ({@link Env#toJs} looks it up): the same wrapper as long as
 * JS holds it ({@code a.child() === a.child()}); a new one, made without running the factory,
 * if it had none or it was collected. The class built first for a type (or its nearest
 * superclass) is used; {@link #wrap} names the class explicitly.
 *
 * <p><b>Lifetime.</b> The wrapper keeps its Java object: when V8 collects the wrapper, the Java
 * object is released to Java's GC. If the Java type is {@link AutoCloseable}, the object is also
 * closed, on its JS thread, exactly once: when the wrapper is collected, when its env is torn down
 * (worker exit, process exit), or when JS calls {@code dispose()} or
 * {@code [Symbol.dispose]()} (added unless the class declares its own {@code dispose}), whichever
 * comes first. After that, its methods, getters and setters throw an {@code Error} with code
 * {@code ERR_NAPI_JAVA_DISPOSED}; {@code dispose()} again does nothing. (An object returned to JS
 * again after its wrapper was collected gets a new wrapper and would be closed again when that
 * one is: do not return closed objects.)
 *
 * <p><b>A cycle between the heaps is never collected.</b> If the Java object keeps its own
 * wrapper (or anything that refers to it) through a strong {@link JsRef}, the wrapper keeps the
 * Java object and the JsRef keeps the wrapper: neither GC sees the cycle, so neither is freed
 * until the env is torn down. The way out: do not store the wrapper; get it when needed with
 * {@link #wrap}{@code (env, this)} (the identity map gives the same wrapper while it lives), or
 * hold a {@link JsRef#weak} one, or close the strong JsRef in {@code dispose()}. The other side
 * of the same rule: a wrapper that JS no longer holds (only its own listeners, say) may be
 * collected while Java work for it is still pending, and a later {@code wrap(env, this)} then
 * makes a fresh wrapper; hold a strong JsRef to the wrapper for exactly the time of such work.
 *
 * <p>Thread: {@link #builder} and the builder on any thread; {@link #constructor}, {@link #wrap},
 * {@link #unwrap} and {@link #isInstance} on the JS thread of the env, others throw
 * {@link WrongThreadException}. The factory, members and {@code close()} run on the JS thread of
 * the instance's env.
 *
 * @param <T> the Java type of the instances
 */
public final class JsClass<T> {
  /** Makes the Java object for {@code new Name(args)}. Thread: the JS thread. */
  @FunctionalInterface
  public interface Factory<T> {
    /** The Java object for this {@code new} call; {@code call.thisArg()} is the new JS instance. */
    T create(CallInfo call) throws Exception;
  }

  /** An instance method. Thread: the JS thread. */
  @FunctionalInterface
  public interface Method<T> {
    /** Runs the method on {@code self}, the Java object of {@code call.thisArg()}; the result is converted by {@link Env#toJs}. */
    Object call(T self, CallInfo call) throws Exception;
  }

  /** A property getter. Thread: the JS thread. */
  @FunctionalInterface
  public interface Getter<T> {
    /** The property's value for {@code self}, converted by {@link Env#toJs}. */
    Object get(T self) throws Exception;
  }

  /** A property setter. Thread: the JS thread. */
  @FunctionalInterface
  public interface Setter<T> {
    /** Sets the property of {@code self} to {@code call.arg(0)} (read it with the typed getters, e.g. {@code call.number(0)}). */
    void set(T self, CallInfo call) throws Exception;
  }

  private final ClassSpec spec;
  private final Class<T> type;

  private JsClass(ClassSpec spec, Class<T> type) {
    this.spec = spec;
    this.type = type;
  }

  /** A builder for the JS class {@code name} whose instances hold a {@code type}. Thread: any. */
  public static <T> Builder<T> builder(String name, Class<T> type) {
    return new Builder<>(name, type);
  }

  /** The JS class name. Thread: any. */
  public String name() {
    return spec.name();
  }

  /** The Java type of the instances. Thread: any. */
  public Class<T> type() {
    return type;
  }

  /**
   * The constructor of this class in {@code env}, defined there at the first call
   * ({@code napi_define_class}); the same function on later calls. Thread: the JS thread of env.
   */
  public JsFunction constructor(Env env) {
    return registry(env).constructor(spec);
  }

  /**
   * The wrapper of {@code object} in {@code env}: the live one, or a new instance of this class
   * made without running the factory. Thread: the JS thread of env.
   */
  public JsObject wrap(Env env, T object) {
    return registry(env).wrapper(spec, Objects.requireNonNull(object, "object"));
  }

  /**
   * The Java object behind {@code value}, or a {@code TypeError} (code {@code ERR_INVALID_THIS})
   * if {@code value} is not an instance of this class. Thread: the JS thread of the value's env.
   */
  public T unwrap(JsValue value) {
    return type.cast(registry(value.env()).self(spec, value.handle(), spec.name()));
  }

  /**
   * The Java object behind the argument {@code value}, or a {@code TypeError} (code
   * {@code ERR_INVALID_ARG_TYPE}) saying that {@code where} must be an instance of this class.
   * For {@link ExportSupport#instance}. Thread: the JS thread of the value's env.
   */
  T argument(JsValue value, String where) {
    return type.cast(registry(value.env()).argument(spec, value.handle(), where));
  }

  /** Whether {@code value} is an instance of this class (by its type tag). Thread: the JS thread of the value's env. */
  public boolean isInstance(JsValue value) {
    return registry(value.env()).isInstance(spec, value.handle());
  }

  private static ClassRegistry registry(Env env) {
    return ClassRegistry.of((NodeEnv) env);
  }

  @Override
  public String toString() {
    return "JsClass[" + spec.name() + ", " + type.getName() + "]";
  }

  /**
   * Collects the members of a {@link JsClass}. Names must be unique; settings are checked where
   * they are made. Thread: any (one thread at a time).
   */
  public static final class Builder<T> {
    private final String name;
    private final Class<T> type;
    private final List<ClassSpec.Member> members = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final Set<String> staticNames = new HashSet<>();
    private JsCallback factory;
    private String[] params = {};
    private Function<Env, JsFunction> superclass;
    private boolean byType = true;

    private Builder(String name, Class<T> type) {
      if (name == null || name.isEmpty()) throw new IllegalArgumentException("a class needs a name");
      this.name = name;
      this.type = Objects.requireNonNull(type, "type");
    }

    /**
     * {@code new Name(args)} runs {@code factory}; {@code params} name its parameters for error
     * messages as in {@link Env#function}. Without a constructor, JS cannot make instances
     * ({@code new Name()} is a {@code TypeError}); Java still can, by returning objects.
     */
    public Builder<T> constructor(Factory<? extends T> factory, String... params) {
      Objects.requireNonNull(factory, "factory");
      this.factory = call -> factory.create(call);
      this.params = params.clone();
      return this;
    }

    /** An instance method {@code name} on the prototype. */
    public Builder<T> method(String name, Method<? super T> body, String... params) {
      Objects.requireNonNull(body, "body");
      members.add(new ClassSpec.Method(unique(name, names), (self, call) -> body.call(type.cast(self), call), params.clone()));
      return this;
    }

    /** A read-only property {@code name} on the prototype. */
    public Builder<T> getter(String name, Getter<? super T> getter) {
      return accessor(name, getter, null);
    }

    /**
     * A read-only property {@code name} on the prototype whose getter also gets the call (its
     * env, {@code this}) and may return a {@link JsValue} it made; the code generated for
     * {@link JsExport} classes uses it.
     */
    public Builder<T> property(String name, Method<? super T> getter) {
      Objects.requireNonNull(getter, "getter");
      members.add(new ClassSpec.Accessor(unique(name, names), (self, call) -> getter.call(type.cast(self), call), null));
      return this;
    }

    /** A property {@code name} on the prototype; {@code getter} or {@code setter} may be null, not both. */
    public Builder<T> accessor(String name, Getter<? super T> getter, Setter<? super T> setter) {
      if (getter == null && setter == null) throw new IllegalArgumentException(name + ": needs a getter or a setter");
      members.add(new ClassSpec.Accessor(unique(name, names),
          getter == null ? null : (self, call) -> getter.get(type.cast(self)),
          setter == null ? null : (self, call) -> {
            setter.set(type.cast(self), call);
            return null;
          }));
      return this;
    }

    /** A static method {@code Name.name(...)}. */
    public Builder<T> staticMethod(String name, JsCallback body, String... params) {
      Objects.requireNonNull(body, "body");
      members.add(new ClassSpec.StaticMethod(unique(name, staticNames), body, params.clone()));
      return this;
    }

    /**
     * A static, read-only value {@code Name.name}: a plain Java value (no {@link JsValue}, since
     * the class is defined in every env), converted by {@link Env#toJs} in each env.
     */
    public Builder<T> staticValue(String name, Object value) {
      if (value instanceof JsValue) throw new IllegalArgumentException(name + ": a static value must be a Java value, not a JS one");
      members.add(new ClassSpec.StaticValue(unique(name, staticNames), value));
      return this;
    }

    /**
     * Makes the class extend the JS class that {@code superclass} returns in each env, e.g.
     * {@code env -> env.require("events").as(JsFunction.class)} for {@code EventEmitter}:
     * {@code new Name(args)} constructs the superclass with the same arguments (as
     * {@code Reflect.construct}), and the prototype chains of the class and its prototype lead to
     * the superclass's. The constructor of such a class is a small JS function around the Java
     * factory (made with {@code napi_run_script}), so that the object the superclass made is the
     * instance on every host: Bun ignores an object returned by a {@code napi_define_class}
     * constructor.
     */
    public Builder<T> extendsClass(Function<Env, JsFunction> superclass) {
      this.superclass = Objects.requireNonNull(superclass, "superclass");
      return this;
    }

    /**
     * Makes {@link Env#toJs} leave objects of the type alone: only {@link JsClass#wrap} makes
     * wrappers of this class. For a class over a type that other code converts its own way, such
     * as {@code Object} in a bridge that wraps any Java object.
     */
    public Builder<T> wrapExplicitlyOnly() {
      this.byType = false;
      return this;
    }

    /** The class; define it in an env with {@link JsClass#constructor(Env)}. */
    public JsClass<T> build() {
      return new JsClass<>(new ClassSpec(name, type, factory, params, members, superclass, byType), type);
    }

    private static String unique(String name, Set<String> taken) {
      if (name == null || name.isEmpty()) throw new IllegalArgumentException("a member needs a name");
      if (!taken.add(name)) throw new IllegalArgumentException("a member named " + name + " is declared twice");
      return name;
    }
  }
}
