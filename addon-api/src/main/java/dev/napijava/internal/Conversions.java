package dev.napijava.internal;

import dev.napijava.JsError;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Java to JS conversion of plain Java values ({@link dev.napijava.Env#toJs}). */
final class Conversions {
  private Conversions() {}

  static JsValue toJs(NodeEnv env, Object value) {
    return switch (value) {
      case null -> JsNull.of(env);
      case JsValue js -> sameEnv(env, js);
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
      case List<?> list -> JsArray.of(env, list);
      case Object[] array -> JsArray.of(env, Arrays.asList(array));
      case Map<?, ?> map -> object(env, map);
      case Record record -> object(env, record);
      case Throwable failure -> Errors.toJs(env, failure, 0);
      case CompletionStage<?> stage -> dev.napijava.Promises.of(env, stage);
      default -> throw JsError.typeError("cannot convert a Java " + value.getClass().getName() + " to a JS value");
    };
  }

  private static JsValue sameEnv(NodeEnv env, JsValue value) {
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
