package dev.napijava.bridge;

import dev.napijava.CallInfo;
import dev.napijava.JsError;
import dev.napijava.Promises;
import dev.napijava.value.JsArray;
import dev.napijava.value.JsBigInt;
import dev.napijava.value.JsBoolean;
import dev.napijava.value.JsDate;
import dev.napijava.value.JsFunction;
import dev.napijava.value.JsMap;
import dev.napijava.value.JsNull;
import dev.napijava.value.JsNumber;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsSet;
import dev.napijava.value.JsString;
import dev.napijava.value.JsTypedArray;
import dev.napijava.value.JsUndefined;
import dev.napijava.value.JsValue;
import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * How a JS value becomes the Java value of one parameter type (or of a field, a list element, a
 * proxy's return value): chosen once per parameter when an overload is bound, so that a call only
 * runs the converter. A converter also ranks how well a JS value fits its type
 * ({@link #rank}), which is how {@link Overloads} chooses among overloads.
 *
 * <p>The rules follow the type. Primitives and their boxes take JS booleans, numbers (an
 * {@code int} an integer in range; a {@code long} also a BigInt) and one-character strings for
 * {@code char}; strings go to {@code String} and {@code CharSequence}, and to an enum type by the
 * constant's name; a JS array (or typed array) to a Java array, {@code List}, {@code Collection}
 * or {@code Iterable}, its elements converted by the element type that the generic signature
 * names; a plain object or a JS Map to a {@code Map}; a Set to a {@code Set}; a Date to an
 * {@code Instant} or {@code java.util.Date}; a promise to a {@code CompletableFuture}; a JS
 * function to any functional interface and a JS object to any interface (a proxy that calls JS,
 * {@link JsProxies}); a wrapper of a Java object to that object when it is an instance of the
 * type. Where the type is {@code Object} the JS value becomes its natural Java twin (an integer
 * an {@code Integer}, other numbers a {@code Double}, an array an {@code ArrayList}, an object a
 * {@code LinkedHashMap}, ...).
 *
 * <p>Thread: the JS thread of the values converted.
 */
abstract class ToJava {
  /** Not applicable, for {@link #rank}. */
  static final int NO = -1;
  /** The rank of a JS value that only {@code Object} (or a catch-all supertype) takes. */
  static final int LOOSE = 20;
  private static final long MAX_SAFE = (1L << 53) - 1;

  /** What the type takes, for error messages: "a string (String)". */
  final String expected;
  final Class<?> type;

  ToJava(Class<?> type, String expected) {
    this.type = type;
    this.expected = expected;
  }

  /** How well {@code value} fits: 0 best, larger worse, {@link #NO} not at all. */
  abstract int rank(BridgeEnv bridge, JsValue value);

  /** {@code value} as a Java value of the type, or a TypeError that starts with {@code where}. */
  abstract Object convert(BridgeEnv bridge, JsValue value, String where);

  /**
   * Argument {@code index} of {@code call} as a Java value of the type: {@link #convert} of the
   * argument, or a typed read of it where the type allows one (numbers, strings, booleans),
   * which skips making a {@link JsValue}.
   */
  Object read(BridgeEnv bridge, CallInfo call, int index, String where) {
    return convert(bridge, call.arg(index), where);
  }

  /** The converter for a parameter of raw type {@code raw} and generic type {@code generic}. */
  static ToJava of(Class<?> raw, Type generic) {
    if (raw == boolean.class || raw == Boolean.class) return new Bool(raw);
    if (raw == char.class || raw == Character.class) return new Char(raw);
    if (raw.isPrimitive() || raw == Integer.class || raw == Long.class || raw == Double.class || raw == Float.class
        || raw == Short.class || raw == Byte.class) {
      return new Numeric(raw);
    }
    if (raw == String.class || raw == CharSequence.class) return new Text(raw);
    if (raw.isEnum()) return new EnumConstant(raw);
    if (raw == BigInteger.class || raw == BigDecimal.class || raw == Number.class) return new BigNumber(raw);
    if (raw.isArray()) return new ArrayOf(raw, of(raw.getComponentType(), componentOf(generic)));
    if (raw == Instant.class || raw == java.util.Date.class) return new Time(raw);
    if (raw == Object.class || raw == java.io.Serializable.class || raw == Comparable.class) return new Natural(raw);
    if (raw.isAssignableFrom(ArrayList.class)) return new ListOf(raw, of(typeArgument(generic, 0)));
    if (raw.isAssignableFrom(LinkedHashSet.class)) return new SetOf(raw, of(typeArgument(generic, 0)));
    if (raw.isAssignableFrom(LinkedHashMap.class)) {
      return new MapOf(raw, of(typeArgument(generic, 0)), of(typeArgument(generic, 1)));
    }
    if (raw.isAssignableFrom(CompletableFuture.class)) return new Future(raw);
    if (raw.isInterface()) return new Implemented(raw);
    return new Reference(raw, "a Java " + raw.getName());
  }

  private static ToJava of(Type type) {
    return of(erasure(type), type);
  }

  static Class<?> erasure(Type type) {
    return switch (type) {
      case Class<?> c -> c;
      case ParameterizedType p -> erasure(p.getRawType());
      case GenericArrayType g -> erasure(g.getGenericComponentType()).arrayType();
      case WildcardType w -> erasure(w.getUpperBounds().length > 0 ? w.getUpperBounds()[0] : Object.class);
      case TypeVariable<?> v -> erasure(v.getBounds().length > 0 ? v.getBounds()[0] : Object.class);
      default -> Object.class;
    };
  }

  /** The element type of an array type, as precisely as the generic signature says. */
  static Type componentOf(Type generic) {
    if (generic instanceof GenericArrayType g) return g.getGenericComponentType();
    if (generic instanceof Class<?> c && c.isArray()) return c.getComponentType();
    return Object.class;
  }

  private static Type typeArgument(Type generic, int index) {
    if (generic instanceof ParameterizedType p && p.getActualTypeArguments().length > index) return p.getActualTypeArguments()[index];
    return Object.class;
  }

  /** A TypeError: {@code where} must be {@code expected}, got what {@code value} is. */
  final JsError mismatch(BridgeEnv bridge, JsValue value, String where) {
    return JsError.typeError(where + " must be " + expected + ", got " + bridge.describe(value));
  }

  /**
   * The rank of a wrapped Java object for this type ({@link #NO} if it is not an instance), or
   * null if {@code value} is no wrapper. Nearer supertypes rank better.
   */
  final Integer wrapperRank(BridgeEnv bridge, JsValue value) {
    Object object = bridge.unwrapOrNull(value);
    if (object == null) return null;
    Class<?> boxed = box(type);
    if (!boxed.isInstance(object)) return NO;
    return distance(object.getClass(), boxed);
  }

  /** The Java object of a wrapper that is an instance of the type, or null when {@code value} is no wrapper. */
  final Object wrapped(BridgeEnv bridge, JsValue value, String where) {
    Object object = bridge.unwrapOrNull(value);
    if (object == null) return null;
    if (!box(type).isInstance(object)) throw mismatch(bridge, value, where);
    return object;
  }

  static Class<?> box(Class<?> type) {
    if (!type.isPrimitive()) return type;
    return java.lang.invoke.MethodType.methodType(type).wrap().returnType();
  }

  /** Steps from {@code from} up to its supertype {@code to} (0 for the class itself), capped. */
  private static int distance(Class<?> from, Class<?> to) {
    if (from == to) return 0;
    if (to == Object.class) return LOOSE - 1;
    int best = 18;
    for (Class<?> i : from.getInterfaces()) if (to.isAssignableFrom(i)) best = Math.min(best, 1 + distance(i, to));
    Class<?> parent = from.getSuperclass();
    if (parent != null && to.isAssignableFrom(parent)) best = Math.min(best, 1 + distance(parent, to));
    return Math.min(best, 18);
  }

  static boolean isNullish(JsValue value) {
    return value instanceof JsNull || value instanceof JsUndefined;
  }

  /** boolean, Boolean. */
  private static final class Bool extends ToJava {
    Bool(Class<?> type) {
      super(type, "a boolean");
    }

    @Override
    int rank(BridgeEnv bridge, JsValue value) {
      if (value instanceof JsBoolean) return 0;
      if (isNullish(value)) return type.isPrimitive() ? NO : 10;
      return NO;
    }

    @Override
    Object convert(BridgeEnv bridge, JsValue value, String where) {
      if (value instanceof JsBoolean b) return b.value();
      if (isNullish(value) && !type.isPrimitive()) return null;
      throw mismatch(bridge, value, where);
    }
  }

  /** char, Character: a string of one UTF-16 unit. */
  private static final class Char extends ToJava {
    Char(Class<?> type) {
      super(type, "a string of one character");
    }

    @Override
    int rank(BridgeEnv bridge, JsValue value) {
      if (value instanceof JsString s) return s.length() == 1 ? 2 : NO;
      if (isNullish(value)) return type.isPrimitive() ? NO : 10;
      return NO;
    }

    @Override
    Object convert(BridgeEnv bridge, JsValue value, String where) {
      if (value instanceof JsString s) {
        String text = s.value();
        if (text.length() == 1) return text.charAt(0);
      }
      if (isNullish(value) && !type.isPrimitive()) return null;
      throw mismatch(bridge, value, where);
    }
  }

  /** The numeric primitives and their boxes. */
  private static final class Numeric extends ToJava {
    private final Class<?> primitive;

    Numeric(Class<?> type) {
      super(type, describe(java.lang.invoke.MethodType.methodType(type).unwrap().returnType()));
      this.primitive = java.lang.invoke.MethodType.methodType(type).unwrap().returnType();
    }

    private static String describe(Class<?> primitive) {
      if (primitive == int.class) return "an integer from -2147483648 to 2147483647 (int)";
      if (primitive == long.class) return "an integer (long: a safe integer or a BigInt)";
      if (primitive == short.class) return "an integer from -32768 to 32767 (short)";
      if (primitive == byte.class) return "an integer from -128 to 127 (byte)";
      if (primitive == float.class) return "a number (float)";
      return "a number (double)";
    }

    @Override
    int rank(BridgeEnv bridge, JsValue value) {
      if (value instanceof JsNumber n) {
        double d = n.value();
        boolean integral = d == Math.rint(d) && !Double.isInfinite(d);
        if (primitive == int.class) return integral && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE ? 0 : NO;
        if (primitive == long.class) return integral && Math.abs(d) <= MAX_SAFE ? 1 : NO;
        if (primitive == short.class) return integral && d >= Short.MIN_VALUE && d <= Short.MAX_VALUE ? 2 : NO;
        if (primitive == byte.class) return integral && d >= Byte.MIN_VALUE && d <= Byte.MAX_VALUE ? 3 : NO;
        if (primitive == double.class) return integral ? 4 : 0;
        return integral ? 5 : 1; // float
      }
      if (value instanceof JsBigInt b) return primitive == long.class && b.value().bitLength() < 64 ? 0 : NO;
      if (isNullish(value)) return type.isPrimitive() ? NO : 10;
      return NO;
    }

    @Override
    Object read(BridgeEnv bridge, CallInfo call, int index, String where) {
      double d;
      try {
        d = call.number(index);
      } catch (JsError notNumber) {
        return convert(bridge, call.arg(index), where); // a BigInt, null, or a TypeError of its own
      }
      return number(d, where);
    }

    private Object number(double d, String where) {
      boolean integral = d == Math.rint(d) && !Double.isInfinite(d);
      if (primitive == double.class) return d;
      if (primitive == float.class) return (float) d;
      if (integral) {
        if (primitive == int.class && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) return (int) d;
        if (primitive == long.class && Math.abs(d) <= MAX_SAFE) return (long) d;
        if (primitive == short.class && d >= Short.MIN_VALUE && d <= Short.MAX_VALUE) return (short) d;
        if (primitive == byte.class && d >= Byte.MIN_VALUE && d <= Byte.MAX_VALUE) return (byte) d;
      }
      throw JsError.rangeError(where + " must be " + expected + ", got " + d);
    }

    @Override
    Object convert(BridgeEnv bridge, JsValue value, String where) {
      if (value instanceof JsNumber n) {
        double d = n.value();
        boolean integral = d == Math.rint(d) && !Double.isInfinite(d);
        if (primitive == double.class) return d;
        if (primitive == float.class) return (float) d;
        if (integral) {
          if (primitive == int.class && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) return (int) d;
          if (primitive == long.class && Math.abs(d) <= MAX_SAFE) return (long) d;
          if (primitive == short.class && d >= Short.MIN_VALUE && d <= Short.MAX_VALUE) return (short) d;
          if (primitive == byte.class && d >= Byte.MIN_VALUE && d <= Byte.MAX_VALUE) return (byte) d;
        }
        throw JsError.rangeError(where + " must be " + expected + ", got " + d);
      }
      if (value instanceof JsBigInt b && primitive == long.class) {
        BigInteger big = b.value();
        if (big.bitLength() < 64) return big.longValue();
        throw JsError.rangeError(where + " must be " + expected + ", got " + big + "n");
      }
      if (isNullish(value) && !type.isPrimitive()) return null;
      throw mismatch(bridge, value, where);
    }
  }

  /** String, CharSequence. */
  private static final class Text extends ToJava {
    Text(Class<?> type) {
      super(type, "a string");
    }

    @Override
    int rank(BridgeEnv bridge, JsValue value) {
      if (value instanceof JsString) return type == String.class ? 0 : 1;
      if (isNullish(value)) return 10;
      Integer wrapper = wrapperRank(bridge, value);
      return wrapper != null ? wrapper : NO;
    }

    @Override
    Object read(BridgeEnv bridge, CallInfo call, int index, String where) {
      try {
        return call.string(index);
      } catch (JsError notString) {
        return convert(bridge, call.arg(index), where); // null, a Java CharSequence, or a TypeError of its own
      }
    }

    @Override
    Object convert(BridgeEnv bridge, JsValue value, String where) {
      if (value instanceof JsString s) return s.value();
      if (isNullish(value)) return null;
      Object object = wrapped(bridge, value, where);
      if (object != null) return object;
      throw mismatch(bridge, value, where);
    }
  }

  /** An enum type: one of its constants (a wrapper) or a constant's name. */
  private static final class EnumConstant extends ToJava {
    EnumConstant(Class<?> type) {
      super(type, "a " + type.getSimpleName() + " constant or its name");
    }

    private Object constant(String name) {
      for (Object constant : type.getEnumConstants()) if (((Enum<?>) constant).name().equals(name)) return constant;
      return null;
    }

    @Override
    int rank(BridgeEnv bridge, JsValue value) {
      if (value instanceof JsString s) return constant(s.value()) != null ? 1 : NO;
      if (isNullish(value)) return 10;
      Integer wrapper = wrapperRank(bridge, value);
      return wrapper != null ? wrapper : NO;
    }

    @Override
    Object convert(BridgeEnv bridge, JsValue value, String where) {
      if (value instanceof JsString s) {
        Object constant = constant(s.value());
        if (constant != null) return constant;
        java.util.StringJoiner names = new java.util.StringJoiner("', '", "'", "'");
        for (Object c : type.getEnumConstants()) names.add(((Enum<?>) c).name());
        throw new JsError(JsError.Kind.TYPE_ERROR, "ERR_INVALID_ARG_VALUE",
            where + " must be one of " + names + " (" + type.getName() + "), got '" + s.value() + "'");
      }
      if (isNullish(value)) return null;
      Object object = wrapped(bridge, value, where);
      if (object != null) return object;
      throw mismatch(bridge, value, where);
    }
  }

  /** BigInteger, BigDecimal, Number. */
  private static final class BigNumber extends ToJava {
    BigNumber(Class<?> type) {
      super(type, type == BigInteger.class ? "a BigInt or an integer" : "a number or a BigInt");
    }

    @Override
    int rank(BridgeEnv bridge, JsValue value) {
      if (value instanceof JsBigInt) return type == BigInteger.class ? 0 : 6;
      if (value instanceof JsNumber n) {
        double d = n.value();
        if (type == BigInteger.class) return d == Math.rint(d) && !Double.isInfinite(d) ? 7 : NO;
        return Double.isFinite(d) || type == Number.class ? 6 : NO;
      }
      if (isNullish(value)) return 10;
      Integer wrapper = wrapperRank(bridge, value);
      return wrapper != null ? wrapper : NO;
    }

    @Override
    Object convert(BridgeEnv bridge, JsValue value, String where) {
      if (value instanceof JsBigInt b) return type == BigDecimal.class ? new BigDecimal(b.value()) : b.value();
      if (value instanceof JsNumber n) {
        double d = n.value();
        if (type == Number.class) return Natural.number(d);
        if (type == BigInteger.class && d == Math.rint(d) && !Double.isInfinite(d)) return new BigDecimal(d).toBigInteger();
        if (type == BigDecimal.class && Double.isFinite(d)) return BigDecimal.valueOf(d);
        throw JsError.rangeError(where + " must be " + expected + ", got " + d);
      }
      if (isNullish(value)) return null;
      Object object = wrapped(bridge, value, where);
      if (object != null) return object;
      throw mismatch(bridge, value, where);
    }
  }

  /** A Java array from a JS array or typed array, element by element. */
  private static final class ArrayOf extends ToJava {
    private final ToJava element;

    ArrayOf(Class<?> type, ToJava element) {
      super(type, "an array of " + element.expected);
      this.element = element;
    }

    @Override
    int rank(BridgeEnv bridge, JsValue value) {
      if (value instanceof JsArray) return 1;
      if (JsTypedArray.isTypedArray(value)) return exactTypedArray(JsTypedArray.from(value)) ? 0 : NO;
      if (isNullish(value)) return 10;
      Integer wrapper = wrapperRank(bridge, value);
      return wrapper != null ? wrapper : NO;
    }

    private boolean exactTypedArray(JsTypedArray array) {
      Class<?> c = type.getComponentType();
      return switch (array.type()) {
        case INT8, UINT8, UINT8_CLAMPED -> c == byte.class;
        case INT16 -> c == short.class;
        case UINT16 -> c == char.class;
        case INT32 -> c == int.class;
        case FLOAT32 -> c == float.class;
        case FLOAT64 -> c == double.class;
        case BIGINT64 -> c == long.class;
        default -> false;
      };
    }

    @Override
    Object convert(BridgeEnv bridge, JsValue value, String where) {
      if (isNullish(value)) return null;
      if (JsTypedArray.isTypedArray(value)) {
        JsTypedArray typed = JsTypedArray.from(value);
        if (exactTypedArray(typed)) return typed.toArray();
        throw mismatch(bridge, value, where);
      }
      if (value instanceof JsArray array) {
        bridge.enter(where);
        try {
          int length = array.length();
          Object out = Array.newInstance(type.getComponentType(), length);
          for (int i = 0; i < length; i++) Array.set(out, i, element.convert(bridge, array.get(i), where + "[" + i + "]"));
          return out;
        } finally {
          bridge.exit();
        }
      }
      Object object = wrapped(bridge, value, where);
      if (object != null) return object;
      throw mismatch(bridge, value, where);
    }
  }

  /** List, Collection, Iterable (anything an ArrayList is): from a JS array, or a Java one by reference. */
  private static final class ListOf extends ToJava {
    private final ToJava element;

    ListOf(Class<?> type, ToJava element) {
      super(type, "an array or a Java " + type.getName());
      this.element = element;
    }

    @Override
    int rank(BridgeEnv bridge, JsValue value) {
      if (value instanceof JsArray) return 2;
      if (JsSet.isSet(value) && type.isAssignableFrom(LinkedHashSet.class)) return 2;
      if (isNullish(value)) return 10;
      Integer wrapper = wrapperRank(bridge, value);
      return wrapper != null ? wrapper : NO;
    }

    @Override
    Object convert(BridgeEnv bridge, JsValue value, String where) {
      if (isNullish(value)) return null;
      if (value instanceof JsArray array) return elements(bridge, array, new ArrayList<>(), element, where);
      if (JsSet.isSet(value) && type.isAssignableFrom(LinkedHashSet.class)) {
        return new LinkedHashSet<>(JsSet.from(value).toSet());
      }
      Object object = wrapped(bridge, value, where);
      if (object != null) return object;
      throw mismatch(bridge, value, where);
    }
  }

  static Collection<Object> elements(BridgeEnv bridge, JsArray array, Collection<Object> into, ToJava element, String where) {
    bridge.enter(where);
    try {
      for (int i = 0, n = array.length(); i < n; i++) into.add(element.convert(bridge, array.get(i), where + "[" + i + "]"));
      return into;
    } finally {
      bridge.exit();
    }
  }

  /** Set: from a JS Set or array. */
  private static final class SetOf extends ToJava {
    private final ToJava element;

    SetOf(Class<?> type, ToJava element) {
      super(type, "a Set, an array or a Java " + type.getName());
      this.element = element;
    }

    @Override
    int rank(BridgeEnv bridge, JsValue value) {
      if (JsSet.isSet(value)) return 1;
      if (value instanceof JsArray) return 3;
      if (isNullish(value)) return 10;
      Integer wrapper = wrapperRank(bridge, value);
      return wrapper != null ? wrapper : NO;
    }

    @Override
    Object convert(BridgeEnv bridge, JsValue value, String where) {
      if (isNullish(value)) return null;
      if (value instanceof JsArray array) return elements(bridge, array, new LinkedHashSet<>(), element, where);
      if (JsSet.isSet(value)) {
        JsArray values = (JsArray) bridge.arrayFrom(value);
        return elements(bridge, values, new LinkedHashSet<>(), element, where);
      }
      Object object = wrapped(bridge, value, where);
      if (object != null) return object;
      throw mismatch(bridge, value, where);
    }
  }

  /** Map: from a plain object (string keys) or a JS Map. */
  private static final class MapOf extends ToJava {
    private final ToJava key;
    private final ToJava value;

    MapOf(Class<?> type, ToJava key, ToJava value) {
      super(type, "an object, a Map or a Java " + type.getName());
      this.key = key;
      this.value = value;
    }

    @Override
    int rank(BridgeEnv bridge, JsValue v) {
      if (isNullish(v)) return 10;
      Integer wrapper = wrapperRank(bridge, v);
      if (wrapper != null) return wrapper;
      if (JsMap.isMap(v)) return 1;
      if (v instanceof JsObject o && !(o instanceof JsFunction) && !(o instanceof JsArray) && bridge.isPlain(o)) return 3;
      return NO;
    }

    @Override
    Object convert(BridgeEnv bridge, JsValue v, String where) {
      if (isNullish(v)) return null;
      Object object = wrapped(bridge, v, where);
      if (object != null) return object;
      Map<Object, Object> out = new LinkedHashMap<>();
      if (JsMap.isMap(v)) {
        JsArray entries = (JsArray) bridge.arrayFrom(v);
        bridge.enter(where);
        try {
          for (int i = 0, n = entries.length(); i < n; i++) {
            JsArray entry = (JsArray) entries.get(i);
            out.put(key.convert(bridge, entry.get(0), where + " key"), value.convert(bridge, entry.get(1), where + " value"));
          }
        } finally {
          bridge.exit();
        }
        return out;
      }
      if (v instanceof JsObject o && !(o instanceof JsFunction) && !(o instanceof JsArray)) {
        bridge.enter(where);
        try {
          JsArray keys = o.keys();
          for (int i = 0, n = keys.length(); i < n; i++) {
            JsValue k = keys.get(i);
            String name = k.coerceToString();
            out.put(key.convert(bridge, k, where + " key"), value.convert(bridge, o.get(name), where + "." + name));
          }
        } finally {
          bridge.exit();
        }
        return out;
      }
      throw mismatch(bridge, v, where);
    }
  }

  /** Instant, java.util.Date: from a JS Date. */
  private static final class Time extends ToJava {
    Time(Class<?> type) {
      super(type, "a Date");
    }

    @Override
    int rank(BridgeEnv bridge, JsValue value) {
      if (JsDate.isDate(value)) return 0;
      if (isNullish(value)) return 10;
      Integer wrapper = wrapperRank(bridge, value);
      return wrapper != null ? wrapper : NO;
    }

    @Override
    Object convert(BridgeEnv bridge, JsValue value, String where) {
      if (isNullish(value)) return null;
      if (JsDate.isDate(value)) {
        JsDate date = JsDate.from(value);
        if (!date.isValid()) throw JsError.rangeError(where + " must be a valid Date, got Invalid Date");
        return type == Instant.class ? date.instant() : new java.util.Date((long) date.epochMillis());
      }
      Object object = wrapped(bridge, value, where);
      if (object != null) return object;
      throw mismatch(bridge, value, where);
    }
  }

  /** CompletableFuture, CompletionStage, Future: from a promise (or any thenable). */
  private static final class Future extends ToJava {
    Future(Class<?> type) {
      super(type, "a Promise or a Java " + type.getName());
    }

    @Override
    int rank(BridgeEnv bridge, JsValue value) {
      if (isNullish(value)) return 10;
      Integer wrapper = wrapperRank(bridge, value);
      if (wrapper != null) return wrapper;
      return value instanceof JsObject o && o.get("then") instanceof JsFunction ? 1 : NO;
    }

    @Override
    Object convert(BridgeEnv bridge, JsValue value, String where) {
      if (isNullish(value)) return null;
      Object object = wrapped(bridge, value, where);
      if (object != null) return object;
      if (value instanceof JsObject o && o.get("then") instanceof JsFunction) return Promises.await(value);
      throw mismatch(bridge, value, where);
    }
  }

  /** An interface: a wrapper of an implementation, a JS function (functional interfaces) or a JS object (any). */
  private static final class Implemented extends ToJava {
    private final boolean functional;

    Implemented(Class<?> type) {
      super(type, JavaClass.functionalMethod(type) != null ? "a function or a Java " + type.getName()
          : "a Java " + type.getName() + " or an object implementing it");
      this.functional = JavaClass.functionalMethod(type) != null;
    }

    @Override
    int rank(BridgeEnv bridge, JsValue value) {
      if (isNullish(value)) return 10;
      if (value instanceof JsFunction) return functional ? 1 : NO;
      Integer wrapper = wrapperRank(bridge, value);
      if (wrapper != null) return wrapper;
      return value instanceof JsObject o && !(o instanceof JsArray) && bridge.isPlain(o) ? 5 : NO;
    }

    @Override
    Object convert(BridgeEnv bridge, JsValue value, String where) {
      if (isNullish(value)) return null;
      if (value instanceof JsFunction f) {
        if (!functional) throw mismatch(bridge, value, where);
        return JsProxies.implement(bridge, new Class<?>[] {type}, f, false);
      }
      Object object = wrapped(bridge, value, where);
      if (object != null) return object;
      if (value instanceof JsObject o && !(o instanceof JsArray)) return JsProxies.implement(bridge, new Class<?>[] {type}, o, false);
      throw mismatch(bridge, value, where);
    }
  }

  /** Any other class: a wrapper of an instance, or null. */
  private static final class Reference extends ToJava {
    Reference(Class<?> type, String expected) {
      super(type, expected);
    }

    @Override
    int rank(BridgeEnv bridge, JsValue value) {
      if (isNullish(value)) return 10;
      Integer wrapper = wrapperRank(bridge, value);
      return wrapper != null ? wrapper : NO;
    }

    @Override
    Object convert(BridgeEnv bridge, JsValue value, String where) {
      if (isNullish(value)) return null;
      Object object = wrapped(bridge, value, where);
      if (object != null) return object;
      throw mismatch(bridge, value, where);
    }
  }

  /** Object (and Serializable, Comparable): the natural Java twin of any JS value. */
  static final class Natural extends ToJava {
    Natural(Class<?> type) {
      super(type, "a value Java can hold");
    }

    static Object number(double d) {
      if (d == Math.rint(d) && !Double.isInfinite(d)) {
        if (d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE && !(d == 0 && 1 / d < 0)) return (int) d;
        if (Math.abs(d) <= MAX_SAFE) return (long) d;
      }
      return d;
    }

    @Override
    int rank(BridgeEnv bridge, JsValue value) {
      if (isNullish(value)) return 10;
      Integer wrapper = wrapperRank(bridge, value);
      if (wrapper != null) return wrapper < 0 ? NO : LOOSE;
      if (value instanceof JsFunction) return NO;
      if (value instanceof dev.napijava.value.JsSymbol || value instanceof dev.napijava.value.JsExternal<?>) return NO;
      return LOOSE;
    }

    @Override
    Object convert(BridgeEnv bridge, JsValue value, String where) {
      Object java = naturally(bridge, value, where);
      if (java != null && !type.isInstance(java)) throw mismatch(bridge, value, where);
      return java;
    }

    static Object naturally(BridgeEnv bridge, JsValue value, String where) {
      return switch (value) {
        case JsUndefined u -> null;
        case JsNull n -> null;
        case JsBoolean b -> b.value();
        case JsNumber n -> number(n.value());
        case JsString s -> s.value();
        case JsBigInt b -> b.value().bitLength() < 64 ? (Object) b.value().longValue() : b.value();
        case JsFunction f -> throw JsError.typeError(where + ": a JS function cannot be passed as a Java Object; "
            + "pass it where Java expects an interface, or make one with newProxy()");
        case JsArray array -> elements(bridge, array, new ArrayList<>(), NATURAL, where);
        case JsObject o -> object(bridge, o, where);
        default -> throw JsError.typeError(where + " must be " + NATURAL.expected + ", got " + bridge.describe(value));
      };
    }

    private static Object object(BridgeEnv bridge, JsObject o, String where) {
      Object wrapped = bridge.unwrapOrNull(o);
      if (wrapped != null) return wrapped;
      if (JsTypedArray.isTypedArray(o)) return JsTypedArray.from(o).toArray();
      if (JsDate.isDate(o)) return TIME.convert(bridge, o, where);
      if (JsSet.isSet(o)) return new SetOf(Set.class, NATURAL).convert(bridge, o, where);
      if (o.get("then") instanceof JsFunction) return Promises.await(o);
      return new MapOf(Map.class, NATURAL, NATURAL).convert(bridge, o, where);
    }
  }

  static final Natural NATURAL = new Natural(Object.class);
  private static final ToJava TIME = new Time(Instant.class);

  /** The converter of values of a declared type, e.g. a proxy method's return type ({@code void}: none). */
  static ToJava forReturn(Class<?> raw, Type generic) {
    return raw == void.class ? null : of(raw, generic);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + type.getName() + "]";
  }
}
