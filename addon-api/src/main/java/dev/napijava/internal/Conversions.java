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
      case Long l -> JsNumber.of(env, l.longValue());
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
