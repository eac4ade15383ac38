package dev.napijava.bridge;

import dev.napijava.JsException;
import dev.napijava.JsRef;
import dev.napijava.NapiException;
import dev.napijava.value.JsFunction;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsValue;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * JS implementing Java interfaces: a {@link Proxy} whose methods call a JS function (for a
 * functional interface) or the JS object's method of the same name (for any interface).
 *
 * <p>Java may call the proxy on any thread. On the env's JS thread the JS function runs at once,
 * inside the Java call. From another thread the call is sent to the JS thread through the env's
 * {@link dev.napijava.Channel} and the Java thread waits for its result. If the JS thread is
 * itself blocked in a synchronous Java call meanwhile (waiting for this very thread, typically:
 * {@code future.get()} on a task that calls the proxy), the call cannot run until that call ends,
 * and that call waits for it: instead of hanging, the proxy call fails with an
 * {@link IllegalStateException} that says so and names the fix (the {@code Async} form of the
 * blocking call, which leaves the JS thread free). A JS exception becomes a {@link JsException}
 * in Java (and the same JS error again if it comes back to JS); a default method that the JS
 * object does not define runs Java's default; {@code equals}, {@code hashCode} and
 * {@code toString} are the proxy's identity.
 *
 * <p>Thread: {@link #implement} on the JS thread; the proxies on any thread.
 */
final class JsProxies {
  private static final long POLL_MILLIS = 25;
  /** Polls that must see the JS thread blocked in a row before a call gives up. */
  private static final int BLOCKED_POLLS = 4;

  private JsProxies() {}

  /** The handler of one proxy. */
  private static final class Handler implements InvocationHandler {
    final BridgeEnv bridge;
    final JsRef<JsObject> target;
    final boolean function;
    final boolean explicit;
    final String description;

    Handler(BridgeEnv bridge, JsObject target, boolean explicit, Class<?>[] interfaces) {
      this.bridge = bridge;
      this.target = JsRef.strong(target);
      this.function = target instanceof JsFunction;
      this.explicit = explicit;
      StringBuilder names = new StringBuilder();
      for (Class<?> i : interfaces) names.append(names.isEmpty() ? "" : ", ").append(i.getName());
      this.description = "a JS " + (function ? "function" : "object") + " implementing " + names;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getDeclaringClass() == Object.class) {
        return switch (method.getName()) {
          case "equals" -> proxy == args[0];
          case "hashCode" -> System.identityHashCode(proxy);
          default -> description;
        };
      }
      Object[] arguments = args == null ? new Object[0] : args;
      if (bridge.onJsThread()) return callJs(proxy, method, arguments);
      return fromOtherThread(proxy, method, arguments);
    }

    private Object fromOtherThread(Object proxy, Method method, Object[] args) throws Throwable {
      AtomicBoolean abandoned = new AtomicBoolean();
      CompletableFuture<Object> result;
      try {
        result = bridge.channel().send(env -> abandoned.get() ? null : callJs(proxy, method, args));
      } catch (RuntimeException e) {
        throw new IllegalStateException(description + ": cannot reach the JS thread: " + e.getMessage(), e);
      }
      int blocked = 0;
      while (true) {
        try {
          return result.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          blocked = bridge.jsThreadBlocked() ? blocked + 1 : 0;
          if (blocked >= BLOCKED_POLLS && abandoned.compareAndSet(false, true)) {
            throw new IllegalStateException(description + ": " + method.getName() + "() was called on thread '"
                + Thread.currentThread().getName() + "' while the JS thread is blocked in a synchronous Java call, which "
                + "would wait for ever; call that Java method with its Async form (fooAsync) so that the JS thread stays free");
          }
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof NapiException closing) {
            throw new IllegalStateException(description + ": the JS side is gone (" + closing.getMessage() + ")", closing);
          }
          throw cause;
        }
      }
    }

    /** Calls the JS side; on the JS thread. */
    private Object callJs(Object proxy, Method method, Object[] args) throws Exception {
      JsObject object = target.get();
      JsFunction fn;
      if (function) {
        fn = (JsFunction) object;
      } else {
        JsValue member = object.get(method.getName());
        if (!(member instanceof JsFunction f)) {
          if (method.isDefault()) return invokeDefault(proxy, method, args);
          throw new UnsupportedOperationException(description + " has no method " + method.getName() + "()");
        }
        fn = f;
      }
      Object[] jsArgs = new Object[args.length];
      for (int i = 0; i < args.length; i++) jsArgs[i] = bridge.toJs(args[i]);
      JsValue returned = fn.callWith(function ? null : object, jsArgs);
      ToJava converter = ToJava.forReturn(method.getReturnType(), method.getGenericReturnType());
      if (converter == null) return null;
      Object value = converter.convert(bridge, returned, description + ": the result of " + method.getName() + "()");
      if (value == null && method.getReturnType().isPrimitive()) {
        throw new IllegalStateException(description + ": " + method.getName() + "() must return " + converter.expected);
      }
      return value;
    }
  }

  private static Object invokeDefault(Object proxy, Method method, Object[] args) throws Exception {
    try {
      return InvocationHandler.invokeDefault(proxy, method, args);
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new java.lang.reflect.UndeclaredThrowableException(t);
    }
  }

  /**
   * A Java object that implements {@code interfaces} by calling {@code target}. {@code explicit}:
   * made by {@code newProxy()}, so that it stays a Java object (a wrapper) when it comes back to
   * JS; otherwise it comes back as {@code target} itself.
   */
  static Object implement(BridgeEnv bridge, Class<?>[] interfaces, JsObject target, boolean explicit) {
    ClassLoader loader = interfaces[0].getClassLoader();
    if (loader == null) loader = ClassLoader.getPlatformClassLoader();
    return Proxy.newProxyInstance(loader, interfaces, new Handler(bridge, target, explicit, interfaces));
  }

  /** The JS value a proxy made from JS stands for (in this env, not made by newProxy), or null. */
  static JsValue jsValue(BridgeEnv bridge, Object proxy) {
    if (Proxy.getInvocationHandler(proxy) instanceof Handler h && h.bridge == bridge && !h.explicit) return h.target.get();
    return null;
  }
}
