package dev.napijava.bridge;

import dev.napijava.CallInfo;
import dev.napijava.JsError;
import dev.napijava.value.JsArray;
import dev.napijava.value.JsBigInt;
import dev.napijava.value.JsBoolean;
import dev.napijava.value.JsNull;
import dev.napijava.value.JsNumber;
import dev.napijava.value.JsUndefined;
import dev.napijava.value.JsTypedArray;
import dev.napijava.value.JsValue;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Executable;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The overloads of one name (a method, a static method, or the constructors of a class), and the
 * choice among them for one JS call. Each overload holds its method handle, spread to take an
 * {@code Object[]}, and one {@link ToJava} per parameter, all made once.
 *
 * <p>A call picks its overload from the number and the JS types of its arguments: when a single
 * overload takes that many arguments, the arguments go straight to its converters, which name the
 * argument and the expected and actual types when one does not fit. Otherwise every overload of
 * that arity is ranked argument by argument ({@link ToJava#rank}) and the one that is at least as
 * good for every argument and better for one wins, the way Java picks the most specific method;
 * varargs overloads are tried only when no fixed-arity one fits, again as in Java. No fit, or
 * several equally good, is a {@code TypeError} that lists the candidates. The choice made for
 * arguments of a kind (numbers in the same integer range, booleans, ...) is remembered, so that
 * a call site that passes the same kinds ranks once.
 *
 * <p>Thread: {@link #select} on the JS thread of the call; {@link Target#invoke} on any thread.
 */
final class Overloads {
  /** One overload. */
  static final class Target {
    final Executable executable;
    final boolean instance;
    final boolean varargs;
    final Class<?>[] types;
    final ToJava[] params;
    /** For varargs: the converter of one element of the last parameter. */
    final ToJava element;
    /** The method handle, spread to take an Object[]: made at the first call (making it costs start-up). */
    private MethodHandle spread;
    /** "Name.method(): argument #i" for each parameter, made once. */
    String[] where;

    Target(Executable executable, boolean instance) {
      this.executable = executable;
      this.instance = instance;
      this.varargs = executable.isVarArgs();
      this.types = executable.getParameterTypes();
      Type[] generic = executable.getGenericParameterTypes();
      if (generic.length != types.length) generic = types; // inner-class constructors and the like
      params = new ToJava[types.length];
      for (int i = 0; i < types.length; i++) params[i] = ToJava.of(types[i], generic[i]);
      element = varargs ? ToJava.of(types[types.length - 1].getComponentType(), ToJava.componentOf(generic[types.length - 1])) : null;
    }

    /** Runs the overload; {@code args} holds the receiver first for an instance method. Thread: any. */
    Object invoke(Object[] args) throws Throwable {
      MethodHandle handle = spread;
      if (handle == null) spread = handle = bind();
      return (Object) handle.invokeExact(args);
    }

    /**
     * The spread handle (a race between threads makes two equal handles, which is harmless: a
     * MethodHandle is immutable).
     */
    private MethodHandle bind() throws IllegalAccessException {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      MethodHandle handle = executable instanceof java.lang.reflect.Method m ? lookup.unreflect(m)
          : lookup.unreflectConstructor((java.lang.reflect.Constructor<?>) executable);
      int arity = types.length + (instance ? 1 : 0);
      return handle.asFixedArity().asType(MethodType.genericMethodType(arity)).asSpreader(Object[].class, arity);
    }

    /** {@code parse(String)}, for error messages. */
    String signature() {
      StringJoiner list = new StringJoiner(", ", "(", ")");
      for (int i = 0; i < types.length; i++) {
        list.add(varargs && i == types.length - 1 ? types[i].getComponentType().getSimpleName() + "..." : types[i].getSimpleName());
      }
      return list.toString();
    }

    Class<?> returnType() {
      return executable instanceof java.lang.reflect.Method m ? m.getReturnType() : executable.getDeclaringClass();
    }
  }

  final String name;
  final boolean constructors;
  final List<Target> targets;
  /** The fixed-arity overloads by their number of parameters. */
  private final Target[][] byArity;
  private final Target[] varargs;

  Overloads(String name, List<Target> targets, boolean constructors) {
    this.name = name;
    this.constructors = constructors;
    this.targets = List.copyOf(targets);
    int max = 0;
    for (Target t : targets) max = Math.max(max, t.types.length);
    List<List<Target>> arities = new ArrayList<>();
    for (int i = 0; i <= max; i++) arities.add(new ArrayList<>());
    List<Target> variadic = new ArrayList<>();
    for (Target t : targets) {
      arities.get(t.types.length).add(t);
      if (t.varargs) variadic.add(t);
    }
    byArity = new Target[max + 1][];
    for (int i = 0; i <= max; i++) byArity[i] = arities.get(i).toArray(Target[]::new);
    varargs = variadic.toArray(Target[]::new);
    for (Target t : targets) {
      t.where = new String[t.types.length];
      for (int i = 0; i < t.types.length; i++) t.where[i] = where(i);
    }
  }

  boolean isEmpty() {
    return targets.isEmpty();
  }

  /** A chosen overload and its converted arguments (receiver first for instance methods). */
  record Selected(Target target, Object[] args) {}

  /**
   * Chooses the overload for {@code call} and converts its arguments; {@code self} is the
   * receiver of an instance method (ignored otherwise). Thread: the JS thread of the call.
   */
  Selected select(BridgeEnv bridge, CallInfo call, Object self) {
    int argc = call.length();
    Target[] fixed = argc < byArity.length ? byArity[argc] : NONE;
    if (fixed.length == 1 && !fixed[0].varargs && !varargsMayApply(argc)) {
      Target t = fixed[0];
      int offset = t.instance ? 1 : 0;
      Object[] out = new Object[argc + offset];
      if (t.instance) out[0] = self;
      for (int i = 0; i < argc; i++) out[i + offset] = t.params[i].read(bridge, call, i, t.where[i]);
      return new Selected(t, out);
    }
    JsValue[] args = argv(call, argc);
    long key = kinds(args);
    Choice known = key < 0 ? null : choices.get(key);
    if (known != null) return new Selected(known.target(), convert(bridge, known.target(), call, self, args, known.spread()));
    Target best = best(bridge, fixed, args, false);
    boolean spread = false;
    if (best == null) {
      best = best(bridge, varargs, args, true);
      spread = best != null && !directArray(best, args);
    }
    if (best == null) throw noMatch(bridge, args);
    if (key >= 0 && choices.size() < MAX_CHOICES) choices.put(key, new Choice(best, spread));
    return new Selected(best, convert(bridge, best, call, self, args, spread));
  }

  /** An overload chosen for a kind of arguments. */
  private record Choice(Target target, boolean spread) {}

  private static final int MAX_CHOICES = 64;
  /**
   * The overload chosen for each kind of arguments seen ({@link #kinds}), so that a call with
   * arguments of a kind seen before skips the ranking. Shared by every env (as the overloads are).
   */
  private final Map<Long, Choice> choices = new ConcurrentHashMap<>();

  /**
   * The kinds of the arguments, 4 bits each after the count, when every argument is a primitive
   * whose fit to any parameter type depends only on its kind (null or undefined, a boolean, a
   * number by the integer ranges that the numeric types have, a BigInt within a long or not);
   * -1 when one is a string, an object or a function (their fit depends on more: an enum's
   * names, a string's length, a Java object's class), or there are more than 14.
   */
  private static long kinds(JsValue[] args) {
    if (args.length > 14) return -1;
    long key = args.length;
    for (JsValue arg : args) {
      int kind;
      switch (arg) {
        case JsUndefined u -> kind = 0;
        case JsNull n -> kind = 0;
        case JsBoolean b -> kind = 1;
        case JsNumber n -> {
          double d = n.value();
          boolean integral = d == Math.rint(d) && !Double.isInfinite(d);
          if (!integral) kind = 2;
          else if (d >= Byte.MIN_VALUE && d <= Byte.MAX_VALUE) kind = 3;
          else if (d >= Short.MIN_VALUE && d <= Short.MAX_VALUE) kind = 4;
          else if (d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) kind = 5;
          else if (Math.abs(d) <= (1L << 53) - 1) kind = 6;
          else kind = 7;
        }
        case JsBigInt b -> kind = b.value().bitLength() < 64 ? 8 : 9;
        default -> {
          return -1;
        }
      }
      key = key << 4 | kind;
    }
    return key;
  }

  private static final Target[] NONE = {};

  private boolean varargsMayApply(int argc) {
    for (Target t : varargs) if (argc >= t.types.length - 1) return true;
    return false;
  }

  private static JsValue[] argv(CallInfo call, int argc) {
    JsValue[] args = new JsValue[argc];
    for (int i = 0; i < argc; i++) args[i] = call.arg(i);
    return args;
  }

  /** The most specific of {@code candidates} for {@code args}, null if none fits; a TypeError if several tie. */
  private Target best(BridgeEnv bridge, Target[] candidates, JsValue[] args, boolean variadic) {
    List<Target> fitting = new ArrayList<>();
    List<int[]> ranks = new ArrayList<>();
    for (Target t : candidates) {
      int[] rank = variadic ? variadicRanks(bridge, t, args) : ranks(bridge, t, args);
      if (rank != null) {
        fitting.add(t);
        ranks.add(rank);
      }
    }
    if (fitting.isEmpty()) return null;
    List<Integer> undominated = new ArrayList<>();
    for (int i = 0; i < fitting.size(); i++) {
      boolean dominated = false;
      for (int j = 0; j < fitting.size() && !dominated; j++) {
        if (i != j && better(fitting.get(j), ranks.get(j), fitting.get(i), ranks.get(i))) dominated = true;
      }
      if (!dominated) undominated.add(i);
    }
    if (undominated.size() == 1) return fitting.get(undominated.get(0));
    StringJoiner tied = new StringJoiner(", ");
    for (int i : undominated) tied.add(shortName() + fitting.get(i).signature());
    throw new JsError(JsError.Kind.TYPE_ERROR, "ERR_NAPI_JAVA_AMBIGUOUS",
        name + "(): the call " + describeCall(bridge, args) + " is ambiguous: " + tied
            + " fit equally well (pass a value of the exact Java type, e.g. a Java object made for it)");
  }

  private static int[] ranks(BridgeEnv bridge, Target t, JsValue[] args) {
    int[] rank = new int[args.length];
    for (int i = 0; i < args.length; i++) {
      rank[i] = t.params[i].rank(bridge, args[i]);
      if (rank[i] < 0) return null;
    }
    return rank;
  }

  private static int[] variadicRanks(BridgeEnv bridge, Target t, JsValue[] args) {
    int last = t.types.length - 1;
    if (args.length < last) return null;
    if (directArray(t, args)) return ranks(bridge, t, args);
    int[] rank = new int[args.length];
    for (int i = 0; i < args.length; i++) {
      rank[i] = (i < last ? t.params[i] : t.element).rank(bridge, args[i]);
      if (rank[i] < 0) return null;
    }
    return rank;
  }

  /** Whether the varargs array is passed as one JS array (or typed array) in the last place. */
  private static boolean directArray(Target t, JsValue[] args) {
    return args.length == t.types.length && (args[args.length - 1] instanceof JsArray
        || JsTypedArray.isTypedArray(args[args.length - 1]));
  }

  /**
   * Whether {@code a} is more specific than {@code b}: no worse for any argument and better for
   * one, where equal ranks are told apart by the parameter types (a subtype is more specific).
   */
  private static boolean better(Target a, int[] rankA, Target b, int[] rankB) {
    boolean strictly = false;
    for (int i = 0; i < rankA.length; i++) {
      if (rankA[i] > rankB[i]) return false;
      if (rankA[i] < rankB[i]) {
        strictly = true;
        continue;
      }
      Class<?> ta = paramType(a, i, rankA.length), tb = paramType(b, i, rankB.length);
      if (ta == tb) continue;
      if (tb.isAssignableFrom(ta)) strictly = true;
      else if (ta.isAssignableFrom(tb)) return false;
    }
    return strictly || (!a.varargs && b.varargs);
  }

  private static Class<?> paramType(Target t, int index, int argc) {
    int last = t.types.length - 1;
    if (t.varargs && index >= last && !(argc == t.types.length && index == last)) return t.types[last].getComponentType();
    return t.types[index];
  }

  private Object[] convert(BridgeEnv bridge, Target t, CallInfo call, Object self, JsValue[] args, boolean spread) {
    int offset = t.instance ? 1 : 0;
    Object[] out = new Object[t.types.length + offset];
    if (t.instance) out[0] = self;
    int last = t.types.length - 1;
    int direct = spread ? last : t.types.length;
    for (int i = 0; i < direct; i++) {
      JsValue value = i < args.length ? args[i] : null;
      if (value == null) throw JsError.typeError(where(i) + " is missing: expected " + t.params[i].expected
          + " (" + shortName() + t.signature() + ")");
      out[i + offset] = t.params[i].convert(bridge, value, t.where[i]);
    }
    if (spread) {
      int count = args.length - last;
      Object rest = Array.newInstance(t.types[last].getComponentType(), count);
      for (int i = 0; i < count; i++) Array.set(rest, i, t.element.convert(bridge, args[last + i], where(last + i)));
      out[last + offset] = rest;
    }
    return out;
  }

  private String where(int index) {
    return name + "(): argument #" + (index + 1);
  }

  private String shortName() {
    return constructors ? "new " + name : name.substring(name.lastIndexOf('.') + 1);
  }

  private JsError noMatch(BridgeEnv bridge, JsValue[] args) {
    StringJoiner list = new StringJoiner("; ");
    for (Target t : targets) list.add(shortName() + t.signature());
    String what = targets.isEmpty() ? (constructors ? "has no public constructor" : "has no overload") : "has no overload for";
    return new JsError(JsError.Kind.TYPE_ERROR, "ERR_INVALID_ARG_TYPE",
        name + "(): " + what + (targets.isEmpty() ? "" : " the arguments " + describeCall(bridge, args) + "; candidates: " + list));
  }

  private static String describeCall(BridgeEnv bridge, JsValue[] args) {
    StringJoiner list = new StringJoiner(", ", "(", ")");
    for (JsValue arg : args) list.add(bridge.describe(arg));
    return list.toString();
  }

  @Override
  public String toString() {
    return "Overloads[" + name + ", " + targets.size() + "]";
  }

}
