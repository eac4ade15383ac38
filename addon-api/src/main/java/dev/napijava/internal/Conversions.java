package dev.napijava.internal;

import dev.napijava.JsError;
import dev.napijava.JsRef;
import dev.napijava.value.JsArray;
import dev.napijava.value.JsBigInt;
import dev.napijava.value.JsBoolean;
import dev.napijava.value.JsNumber;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsString;
import dev.napijava.value.JsNull;
import dev.napijava.value.JsValue;
import dev.napijava.value.JsDate;
import dev.napijava.value.JsSet;
import dev.napijava.value.JsTypedArray;
import dev.napijava.value.JsUndefined;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.math.BigInteger;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Supplier;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Java to JS conversion of plain Java values ({@link dev.napijava.Env#toJs}). A container
 * (list, array, map, record) reached twice in one conversion becomes one JS object; a cyclic one
 * is a {@code TypeError}, and nesting deeper than {@value #MAX_DEPTH} a {@code RangeError}.
 */
final class Conversions {
  static final int MAX_DEPTH = 512;

  /** The containers of the conversion under way on one env (see {@link NodeEnv#conversion}). */
  static final class Conversion {
    private final IdentityHashMap<Object, JsValue> done = new IdentityHashMap<>();
    private final Set<Object> open = Collections.newSetFromMap(new IdentityHashMap<>());
  }

  private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  private Conversions() {}

  static JsValue toJs(NodeEnv env, Object value) {
    return switch (value) {
      case null -> JsNull.of(env);
      case JsValue js -> sameEnv(env, js);
      case JsRef<?> ref -> sameEnv(env, ref.get());
      case String s -> JsString.of(env, s);
      case Boolean b -> JsBoolean.of(env, b);
      case Integer i -> JsNumber.of(env, i.intValue());
      case Short s -> JsNumber.of(env, s.intValue());
      case Byte b -> JsNumber.of(env, b.intValue());
      case Long l -> l >= -MAX_SAFE_INTEGER && l <= MAX_SAFE_INTEGER ? JsNumber.of(env, l.longValue()) : JsBigInt.of(env, l.longValue());
      case BigInteger big -> JsBigInt.of(env, big);
      case Number n -> JsNumber.of(env, n.doubleValue());
      case Character c -> JsString.of(env, c.toString());
      case Object o when ClassSpec.forType(o.getClass()) != null -> ClassRegistry.wrapperOf(env, o); // a JsClass's wrapper
      case List<?> list -> container(env, list, () -> JsArray.of(env, list));
      case Object[] array -> container(env, array, () -> JsArray.of(env, Arrays.asList(array)));
      case Map<?, ?> map -> container(env, map, () -> object(env, map));
      case Record record -> container(env, record, () -> object(env, record));
      case Throwable failure -> Errors.toJs(env, failure, 0);
      case CompletionStage<?> stage -> dev.napijava.Promises.of(env, stage);
      case Set<?> set -> JsSet.of(env, set);
      case Optional<?> optional -> optional.isPresent() ? toJs(env, optional.get()) : JsUndefined.of(env);
      case OptionalInt optional -> optional.isPresent() ? JsNumber.of(env, optional.getAsInt()) : JsUndefined.of(env);
      case OptionalLong optional -> optional.isPresent() ? toJs(env, optional.getAsLong()) : JsUndefined.of(env);
      case OptionalDouble optional -> optional.isPresent() ? JsNumber.of(env, optional.getAsDouble()) : JsUndefined.of(env);
      case Enum<?> constant -> JsString.of(env, constant.name());
      case Instant instant -> JsDate.of(env, instant);
      case java.util.Date date -> JsDate.of(env, (double) date.getTime());
      case Duration duration -> JsNumber.of(env, duration.getSeconds() * 1000.0 + duration.getNano() / 1e6);
      case byte[] bytes -> JsTypedArray.copyOf(env, bytes);
      case short[] shorts -> JsTypedArray.copyOf(env, shorts);
      case char[] chars -> JsTypedArray.copyOf(env, chars);
      case int[] ints -> JsTypedArray.copyOf(env, ints);
      case float[] floats -> JsTypedArray.copyOf(env, floats);
      case double[] doubles -> JsTypedArray.copyOf(env, doubles);
      case long[] longs -> JsTypedArray.copyOf(env, longs);
      case boolean[] booleans -> booleans(env, booleans);
      default -> throw JsError.typeError("cannot convert a Java " + value.getClass().getName() + " to a JS value");
    };
  }

  /** Converts a container once per conversion, refusing cycles and excessive depth. */
  private static JsValue container(NodeEnv env, Object value, Supplier<JsValue> convert) {
    Conversion conversion = env.conversion;
    boolean outermost = conversion == null;
    if (outermost) conversion = env.conversion = new Conversion();
    try {
      JsValue known = conversion.done.get(value);
      if (known != null) return known;
      if (!conversion.open.add(value)) {
        throw JsError.typeError("a cyclic Java value (a " + value.getClass().getName() + " that contains itself) cannot be converted to JS");
      }
      if (conversion.open.size() > MAX_DEPTH) {
        throw JsError.rangeError("a Java value nested more than " + MAX_DEPTH + " deep cannot be converted to JS");
      }
      JsValue js = convert.get();
      conversion.open.remove(value);
      conversion.done.put(value, js);
      return js;
    } finally {
      if (outermost) env.conversion = null;
    }
  }

  private static JsArray booleans(NodeEnv env, boolean[] values) {
    JsArray array = JsArray.create(env);
    for (int i = 0; i < values.length; i++) array.set(i, values[i]);
    return array;
  }

  private static JsValue sameEnv(NodeEnv env, JsValue value) {
    if (value == null) return JsNull.of(env); // a weak reference whose value was collected
    if (value.env() != env) {
      value.env().checkThread();
      throw new IllegalArgumentException("a JS value of another env cannot be used in this one");
    }
    return value;
  }

  private static JsObject object(NodeEnv env, Record record) {
    JsObject object = JsObject.create(env);
    try {
      for (RecordComponent component : record.getClass().getRecordComponents()) {
        Method accessor = component.getAccessor();
        accessor.setAccessible(true);
        object.set(component.getName(), accessor.invoke(record));
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException("cannot read the record " + record.getClass().getName()
          + " (is its package open to dev.napijava?)", e);
    }
    return object;
  }

  private static JsObject object(NodeEnv env, Map<?, ?> map) {
    JsObject object = JsObject.create(env);
    for (Map.Entry<?, ?> entry : map.entrySet()) object.set(String.valueOf(entry.getKey()), entry.getValue());
    return object;
  }
}
