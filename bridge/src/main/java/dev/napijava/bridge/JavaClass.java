package dev.napijava.bridge;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What JS can reach of one Java class: its public constructors, instance and static methods
 * grouped by name into {@link Overloads}, public fields and public member classes. Every member
 * is bound once, to a {@link MethodHandle} made through {@link MethodHandles#publicLookup()} at its
 * first call (binding every member of a class up front would cost start-up); calls never go
 * through reflection.
 *
 * <p>A method of a class that JS cannot name (a private implementation class such as the one
 * behind {@code List.of}) is bound through the public class or interface that declares it, so
 * that the call is a virtual call of an accessible method. Models are made once per class and
 * kept with it ({@link ClassValue}), so that a class loader that is dropped takes its models
 * along.
 *
 * <p>Thread: immutable once made; any thread.
 */
final class JavaClass {
  private static final ClassValue<JavaClass> MODELS = new ClassValue<>() {
    @Override
    protected JavaClass computeValue(Class<?> type) {
      return new JavaClass(type);
    }
  };
  private static final MethodHandles.Lookup LOOKUP = MethodHandles.publicLookup();
  /** Methods of java.lang.Object that JS has no use for (monitors). */
  private static final Set<String> SKIPPED = Set.of("wait", "notify", "notifyAll");

  /** A public field: a getter, and a setter unless it is final. */
  record FieldAccess(String name, Field field, MethodHandle getter, MethodHandle setter) {}

  final Class<?> type;
  final String jsName;
  final Overloads constructors;
  final Map<String, Overloads> methods = new LinkedHashMap<>();
  final Map<String, Overloads> statics = new LinkedHashMap<>();
  final List<FieldAccess> staticFields = new ArrayList<>();
  final List<FieldAccess> fields = new ArrayList<>();
  final List<Class<?>> memberClasses = new ArrayList<>();
  /** The single abstract method when this is a functional interface, else null. */
  final Method functionalMethod;

  static JavaClass of(Class<?> type) {
    return MODELS.get(type);
  }

  private JavaClass(Class<?> type) {
    this.type = type;
    this.jsName = jsName(type);
    List<Overloads.Target> made = new ArrayList<>();
    if (isAccessible(type) && !type.isInterface() && !Modifier.isAbstract(type.getModifiers())) {
      for (Constructor<?> constructor : type.getConstructors()) made.add(new Overloads.Target(constructor, false));
    }
    constructors = new Overloads(jsName, made, true);
    collectMethods();
    if (isAccessible(type)) collectFields();
    for (Class<?> member : type.getClasses()) if (isAccessible(member)) memberClasses.add(member);
    functionalMethod = functionalMethod(type);
  }

  /** The JS name of a class: its simple name, or the tail of its binary name when it has none (anonymous, hidden). */
  private static String jsName(Class<?> type) {
    String simple = type.getSimpleName();
    if (!simple.isEmpty() && !type.isHidden()) return simple.replace("[]", "Array");
    String name = type.getName();
    String tail = name.substring(name.lastIndexOf('.') + 1);
    StringBuilder clean = new StringBuilder();
    for (char c : tail.toCharArray()) clean.append(Character.isJavaIdentifierPart(c) ? c : '_');
    return clean.toString();
  }

  /** Whether code of another module can use the class: public, and in a package its module exports. */
  static boolean isAccessible(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
      if (!Modifier.isPublic(t.getModifiers())) return false;
    }
    return type.getModule().isExported(type.getPackageName());
  }

  private void collectMethods() {
    Map<String, Map<List<Class<?>>, Method>> instance = new LinkedHashMap<>();
    Map<String, Map<List<Class<?>>, Method>> statik = new LinkedHashMap<>();
    for (Method method : type.getMethods()) {
      if (SKIPPED.contains(method.getName()) && method.getDeclaringClass() == Object.class) continue;
      boolean isStatic = Modifier.isStatic(method.getModifiers());
      if (isStatic && !isAccessible(type)) continue;
      Method accessible = isStatic ? method : accessibleDeclaration(method);
      if (accessible == null || !isAccessible(accessible.getDeclaringClass())) continue;
      var byName = (isStatic ? statik : instance).computeIfAbsent(method.getName(), n -> new LinkedHashMap<>());
      List<Class<?>> key = List.of(method.getParameterTypes());
      Method known = byName.get(key);
      // Of a bridge method and the method it stands for, keep the one with the narrower return type.
      if (known == null || known.getReturnType().isAssignableFrom(accessible.getReturnType()) && !accessible.isBridge()) {
        byName.put(key, accessible);
      }
    }
    group(instance, methods, false);
    group(statik, statics, true);
  }

  private void group(Map<String, Map<List<Class<?>>, Method>> found, Map<String, Overloads> into, boolean isStatic) {
    for (var entry : found.entrySet()) {
      List<Overloads.Target> targets = new ArrayList<>();
      for (Method method : entry.getValue().values()) targets.add(new Overloads.Target(method, !isStatic));
      if (!targets.isEmpty()) into.put(entry.getKey(), new Overloads(jsName + "." + entry.getKey(), targets, false));
    }
  }

  /**
   * {@code method} as declared by a public class or interface of an exported package among the
   * supertypes of {@link #type} (the method itself when its class is one), or null.
   */
  private Method accessibleDeclaration(Method method) {
    if (isAccessible(method.getDeclaringClass())) return method;
    Deque<Class<?>> queue = new ArrayDeque<>();
    Set<Class<?>> seen = new HashSet<>();
    queue.add(type);
    while (!queue.isEmpty()) {
      Class<?> t = queue.poll();
      if (!seen.add(t)) continue;
      if (isAccessible(t)) {
        try {
          Method declared = t.getMethod(method.getName(), method.getParameterTypes());
          if (isAccessible(declared.getDeclaringClass())) return declared;
        } catch (NoSuchMethodException e) {
          // not in this supertype
        }
      }
      if (t.getSuperclass() != null) queue.add(t.getSuperclass());
      queue.addAll(List.of(t.getInterfaces()));
    }
    return null;
  }

  private void collectFields() {
    for (Field field : type.getFields()) {
      if (!isAccessible(field.getDeclaringClass())) continue;
      try {
        MethodHandle getter = LOOKUP.unreflectGetter(field);
        MethodHandle setter = Modifier.isFinal(field.getModifiers()) ? null : LOOKUP.unreflectSetter(field);
        (Modifier.isStatic(field.getModifiers()) ? staticFields : fields).add(new FieldAccess(field.getName(), field, getter, setter));
      } catch (IllegalAccessException e) {
        // not public after all (a class of a module that does not export it): JS does not see it
      }
    }
  }

  /** The single abstract method of a functional interface (Object's public methods aside), or null. */
  static Method functionalMethod(Class<?> type) {
    if (!type.isInterface()) return null;
    Method single = null;
    for (Method method : type.getMethods()) {
      if (!Modifier.isAbstract(method.getModifiers()) || isObjectMethod(method)) continue;
      if (single != null && !(single.getName().equals(method.getName())
          && List.of(single.getParameterTypes()).equals(List.of(method.getParameterTypes())))) {
        return null;
      }
      single = method;
    }
    return single;
  }

  static boolean isObjectMethod(Method method) {
    try {
      Object.class.getMethod(method.getName(), method.getParameterTypes());
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "JavaClass[" + type.getName() + "]";
  }
}
