package dev.napijava.internal;

import dev.napijava.CallInfo;
import dev.napijava.Env;
import dev.napijava.JsCallback;
import dev.napijava.bindings.napi_type_tag;
import dev.napijava.value.JsFunction;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * What a {@link dev.napijava.JsClass} describes, without any JS handle (so it may live in a
 * static and be defined in every env): the name, the Java type, the factory, the members, the
 * optional JS superclass, and the Node-API type tag that marks this class's instances.
 *
 * <p>Thread: immutable, any thread.
 */
public final class ClassSpec {
  /** The body of an instance member: {@code self} is the Java object behind {@code this}. */
  @FunctionalInterface
  public interface InstanceBody {
    Object call(Object self, CallInfo call) throws Exception;
  }

  /** One member of the class. */
  public sealed interface Member {
    String name();
  }

  /** A method on the prototype. */
  public record Method(String name, InstanceBody body, String[] params) implements Member {}

  /** A getter and/or setter on the prototype (either may be null, not both). */
  public record Accessor(String name, InstanceBody getter, InstanceBody setter) implements Member {}

  /** A method on the constructor. */
  public record StaticMethod(String name, JsCallback body, String[] params) implements Member {}

  /** A value on the constructor, converted by {@link Env#toJs} in each env. */
  public record StaticValue(String name, Object value) implements Member {}

  /** The class spec built for each Java type (the first one built), to wrap objects that Java returns. */
  private static final Map<Class<?>, ClassSpec> BY_TYPE = new ConcurrentHashMap<>();
  /**
   * Type tags: this process's random upper half (apart from other addons' tags), a counter as the
   * lower half (apart from each other). Not UUID.randomUUID(): its SecureRandom costs start-up
   * tens of milliseconds, and a tag needs no secrecy.
   */
  private static final long TAG_UPPER = ThreadLocalRandom.current().nextLong();
  private static final AtomicLong TAG_LOWER = new AtomicLong(ThreadLocalRandom.current().nextLong());

  private final String name;
  private final Class<?> type;
  private final JsCallback factory;
  private final String[] params;
  private final List<Member> members;
  private final Function<Env, JsFunction> superclass;
  private final MemorySegment tag;

  /**
   * A spec; {@code factory} (may be null: not constructible from JS) returns the Java object.
   * With {@code byType}, {@link Env#toJs} wraps objects of {@code type} in this class.
   */
  public ClassSpec(String name, Class<?> type, JsCallback factory, String[] params, List<Member> members,
      Function<Env, JsFunction> superclass, boolean byType) {
    this.name = name;
    this.type = type;
    this.factory = factory;
    this.params = params.clone();
    this.members = List.copyOf(members);
    this.superclass = superclass;
    this.tag = Arena.ofAuto().allocate(napi_type_tag.layout());
    napi_type_tag.lower(tag, TAG_LOWER.getAndIncrement());
    napi_type_tag.upper(tag, TAG_UPPER);
    if (byType) BY_TYPE.putIfAbsent(type, this);
  }

  /** The spec built for {@code type} or its nearest superclass, or null. */
  static ClassSpec forType(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getSuperclass()) {
      ClassSpec spec = BY_TYPE.get(t);
      if (spec != null) return spec;
    }
    return null;
  }

  public String name() {
    return name;
  }

  public Class<?> type() {
    return type;
  }

  JsCallback factory() {
    return factory;
  }

  String[] params() {
    return params;
  }

  List<Member> members() {
    return members;
  }

  Function<Env, JsFunction> superclass() {
    return superclass;
  }

  /** The {@code napi_type_tag} of this class's instances (random, so no other class or addon has it). */
  MemorySegment tag() {
    return tag;
  }

  /** Whether instances are closed when collected, at teardown and by {@code dispose()}. */
  boolean disposable() {
    return AutoCloseable.class.isAssignableFrom(type);
  }

  /** Whether a member of that name is declared (so that {@code dispose} is not added over it). */
  boolean declares(String memberName) {
    return members.stream().anyMatch(member -> member.name().equals(memberName));
  }
}
