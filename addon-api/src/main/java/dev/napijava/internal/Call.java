package dev.napijava.internal;

import static dev.napijava.bindings.NodeApi.*;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;

import dev.napijava.CallInfo;
import dev.napijava.Env;
import dev.napijava.JsError;
import dev.napijava.value.JsArray;
import dev.napijava.value.JsArrayBuffer;
import dev.napijava.value.JsBuffer;
import dev.napijava.value.JsDate;
import dev.napijava.value.JsExternal;
import dev.napijava.value.JsFunction;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsString;
import dev.napijava.value.JsTypedArray;
import dev.napijava.value.JsValue;
import java.lang.foreign.MemorySegment;
import java.time.Instant;

/** One JS call of a Java function. */
public final class Call implements CallInfo {
  private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
  private static final String[] TYPE_NAMES = {
      "undefined", "null", "boolean", "number", "string", "symbol", "object", "function", "external", "bigint"};

  private final NodeEnv env;
  private String name;
  private String[] params;
  private long thisArg;
  /** The {@code napi_value}s of the arguments: {@code argc} of them; {@code argc < 0} once the call has ended. */
  private long[] args;
  /** Written by {@link Functions#dispatch} to end the call. */
  int argc;

  /**
   * A reusable call of {@code env}: {@link Functions} keeps one per nesting depth of Java
   * functions on the JS thread ({@link NodeEnv#enterCall}), so that a call allocates nothing.
   */
  Call(NodeEnv env) {
    this.env = env;
    this.args = new long[8];
    this.argc = -1;
  }

  /** A call of its own (class constructors). */
  Call(NodeEnv env, String name, String[] params, MemorySegment thisArg, MemorySegment[] args) {
    this(env);
    long[] handles = start(name, params, thisArg.address(), args.length);
    for (int i = 0; i < args.length; i++) handles[i] = args[i].address();
  }

  /**
   * Starts a call of the function {@code name} with {@code argc} arguments; returns the array
   * that the caller fills with their {@code napi_value}s.
   */
  long[] start(String name, String[] params, long thisArg, int argc) {
    this.name = name;
    this.params = params;
    this.thisArg = thisArg;
    if (argc > args.length) args = new long[Math.max(argc, args.length * 2)];
    this.argc = argc;
    return args;
  }

  /** The number of arguments, after checking that the call is under way. */
  private int count() {
    if (argc < 0) {
      throw new IllegalStateException("a CallInfo was used after its call returned (it is valid only during the call)");
    }
    return argc;
  }

  /** Whether a missing argument at {@code index} is an error: a named, non-optional parameter. */
  private boolean required(int index) {
    return index < params.length && !params[index].endsWith("?") && !params[index].startsWith("...");
  }

  @Override
  public Env env() {
    return env;
  }

  @Override
  public int length() {
    return count();
  }

  /** The raw {@code napi_value} of {@code this}, without wrapping it (class members check it themselves). */
  MemorySegment thisHandle() {
    count();
    return MemorySegment.ofAddress(thisArg);
  }

  @Override
  public JsValue thisArg() {
    return JsValue.wrap(env, thisHandle());
  }

  private MemorySegment handle(int index) {
    return index < count() ? MemorySegment.ofAddress(args[index]) : env.undefinedHandle();
  }

  @Override
  public JsValue arg(int index) {
    if (index >= count() && required(index)) throw typeError(index, "a value");
    return JsValue.wrap(env, handle(index));
  }

  /** The argument at {@code index}, undefined when it is missing, without the missing check. */
  private JsValue value(int index) {
    return JsValue.wrap(env, handle(index));
  }

  @Override
  public <T extends JsValue> T arg(int index, Class<T> type) {
    JsValue value = value(index);
    if (type.isInstance(value)) return type.cast(value);
    if (value instanceof JsObject && JsObject.class.isAssignableFrom(type)) {
      try {
        return value.as(type); // the view types (JsDate, JsBuffer, ...) need a check of their own
      } catch (JsError notThatType) {
        // reported below, naming the argument
      }
    }
    throw typeError(index, JsValue.describeType(type));
  }

  @Override
  public String string(int index) {
    String value = JsString.tryRead(env, handle(index));
    if (value == null) throw typeError(index, "a string");
    return value;
  }

  @Override
  public double number(int index) {
    MemorySegment out = env.out();
    int status = index < count() ? Critical.getValueDouble(env.napi().address(), args[index], out.address())
        : napi_number_expected();
    if (status == napi_number_expected()) throw typeError(index, "a number");
    env.check(status);
    return out.get(JAVA_DOUBLE, 0);
  }

  @Override
  public int int32(int index) {
    double value = number(index);
    if (value != Math.rint(value) || value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw JsError.rangeError(describe(index) + " must be an integer from -2147483648 to 2147483647, got " + value);
    }
    return (int) value;
  }

  @Override
  public long int64(int index) {
    double value = number(index);
    if (value != Math.rint(value) || Math.abs(value) > MAX_SAFE_INTEGER) {
      throw JsError.rangeError(describe(index) + " must be a safe integer (|n| <= 2^53-1), got " + value);
    }
    return (long) value;
  }

  @Override
  public boolean bool(int index) {
    MemorySegment out = env.out();
    int status = index < count() ? napi_get_value_bool(env.napi(), MemorySegment.ofAddress(args[index]), out)
        : napi_boolean_expected();
    if (status == napi_boolean_expected()) throw typeError(index, "a boolean");
    env.check(status);
    return out.get(JAVA_BOOLEAN, 0);
  }

  @Override
  public JsObject object(int index) {
    if (value(index) instanceof JsObject object) return object;
    throw typeError(index, "an object");
  }

  @Override
  public JsArray array(int index) {
    if (value(index) instanceof JsArray array) return array;
    throw typeError(index, "an array");
  }

  @Override
  public JsFunction function(int index) {
    if (value(index) instanceof JsFunction function) return function;
    throw typeError(index, "a function");
  }

  @Override
  public JsTypedArray typedArray(int index) {
    JsValue value = value(index);
    if (value instanceof JsObject && JsTypedArray.isTypedArray(value)) return JsTypedArray.from(value);
    throw typeError(index, "a TypedArray");
  }

  @Override
  public JsBuffer buffer(int index) {
    JsValue value = value(index);
    if (JsBuffer.isBuffer(value)) return JsBuffer.from(value);
    throw typeError(index, "a Buffer");
  }

  @Override
  public JsArrayBuffer arrayBuffer(int index) {
    JsValue value = value(index);
    if (JsArrayBuffer.isArrayBuffer(value)) return JsArrayBuffer.from(value);
    throw typeError(index, "an ArrayBuffer");
  }

  @Override
  public Instant date(int index) {
    JsValue value = value(index);
    if (!JsDate.isDate(value)) throw typeError(index, "a Date");
    JsDate date = JsDate.from(value);
    if (!date.isValid()) throw JsError.rangeError(describe(index) + " must be a valid Date, got Invalid Date");
    return date.instant();
  }

  @Override
  public <E extends Enum<E>> E enumValue(int index, Class<E> type) {
    String name = JsString.tryRead(env, handle(index));
    E[] constants = type.getEnumConstants();
    if (name != null) {
      for (E constant : constants) if (constant.name().equals(name)) return constant;
    }
    StringBuilder allowed = new StringBuilder();
    for (E constant : constants) allowed.append(allowed.isEmpty() ? "" : ", ").append('\'').append(constant.name()).append('\'');
    String expected = "one of " + allowed;
    if (name == null) throw typeError(index, expected);
    throw new JsError(JsError.Kind.TYPE_ERROR, "ERR_INVALID_ARG_VALUE",
        describe(index) + " must be " + expected + ", got '" + name + "'");
  }

  @Override
  public <T> T external(int index, Class<T> type) {
    if (value(index) instanceof JsExternal<?> external) {
      try {
        return external.get(type);
      } catch (JsError e) {
        throw JsError.typeError(describe(index) + ": " + e.getMessage());
      }
    }
    throw typeError(index, "an external holding a " + type.getName());
  }

  @Override
  public JsError typeError(int index, String expected) {
    if (index >= count()) {
      return JsError.typeError(describe(index) + " is missing: expected " + expected);
    }
    int type = env.typeOf(MemorySegment.ofAddress(args[index]));
    String actual = type >= 0 && type < TYPE_NAMES.length ? TYPE_NAMES[type] : "unknown";
    if ("object".equals(actual) && arg(index) instanceof JsArray) actual = "array";
    return JsError.typeError(describe(index) + " must be " + expected + ", got " + actual);
  }

  private String describe(int index) {
    String position = "#" + (index + 1);
    String param = index < params.length ? params[index]
        : params.length > 0 && params[params.length - 1].startsWith("...") ? params[params.length - 1] : null;
    String label = param == null ? position : "'" + param.replace("...", "").replace("?", "") + "' (" + position + ")";
    return name + "(): argument " + label;
  }
}
