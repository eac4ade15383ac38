package dev.napijava.bridge;

import dev.napijava.Addon;
import dev.napijava.CallInfo;
import dev.napijava.Deferred;
import dev.napijava.Env;
import dev.napijava.JsError;
import dev.napijava.value.JsArray;
import dev.napijava.value.JsExternal;
import dev.napijava.value.JsObject;
import dev.napijava.value.JsString;
import dev.napijava.value.JsValue;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The dynamic bridge: any Java library used from JS with no Java code of the user's. It is an
 * addon of the runtime, which {@code napi-java/java} (loader/java.js) loads and wraps; its
 * exports are that module's private interface:
 *
 * <ul>
 *   <li>{@code newClasspath(paths, name)}: a class loader over jars and folders, whose parent is
 *       the platform class loader (less napi-java's modules), so that it sees the JDK but neither napi-java nor any addon
 *       nor any other classpath;
 *   <li>{@code importClass(classpath, name)}: the JS class of a Java class ({@link BridgeEnv});
 *   <li>{@code newProxy(classpath, interfaces, implementation)}: a Java object implementing
 *       interfaces with a JS object ({@link JsProxies});
 *   <li>{@code declarations(classpath, javadocJars?)}: TypeScript declarations of the classpath's
 *       own classes, with JSDoc from javadoc jars ({@link Declarations}, for {@code npx napi-java types});
 *   <li>{@code resolve(coordinates, resolverJars, localRepository, repositories, transitive?)}: a
 *       Promise of the jar files of Maven coordinates and their runtime dependencies (or, not
 *       transitive, of each artifact alone, null where none is published), resolved on a
 *       virtual thread by Maven Resolver, loaded at the first call ({@code MavenResolver}).
 * </ul>
 *
 * <p>Thread: {@link #init} on the JS thread of each env that loads the bridge; the exported
 * functions on that thread; the resolver on a virtual thread.
 */
public final class Bridge implements Addon {
  /** One classpath: its class loader and what it was made of. */
  record ClassPath(String name, URLClassLoader loader, List<Path> entries) {}

  private static volatile URLClassLoader resolverLoader;

  /**
   * The parent of every classpath: the platform class loader, less napi-java's own modules (which
   * are in the boot layer, and so visible through it).
   */
  private static final ClassLoader JDK_ONLY = new ClassLoader("jdk", ClassLoader.getPlatformClassLoader()) {
    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("dev.napijava.")) throw new ClassNotFoundException(name);
      return super.loadClass(name, resolve);
    }
  };

  @Override
  public void init(Env env, JsObject exports) {
    exports.setFunction("newClasspath", Bridge::newClasspath, "paths", "name");
    exports.setFunction("importClass", Bridge::importClass, "classpath", "name");
    exports.setFunction("newProxy", Bridge::newProxy, "classpath", "interfaces", "implementation");
    exports.setFunction("resolve", Bridge::resolve, "coordinates", "resolverJars", "localRepository", "repositories", "transitive?");
    exports.setFunction("declarations", call -> {
      ClassPath classpath = call.external(0, ClassPath.class);
      List<Path> javadoc = call.length() > 1 ? strings(call, 1).stream().map(Path::of).toList() : List.of();
      return Declarations.of(classpath.loader(), classpath.entries(), javadoc);
    }, "classpath", "javadocJars?");
    exports.setFunction("isJavaObject", call -> BridgeEnv.of(call.env()).unwrapOrNull(call.arg(0)) != null, "value");
    exports.setFunction("javaClassOf", call -> {
      Object object = BridgeEnv.of(call.env()).unwrapOrNull(call.arg(0));
      return object == null ? null : object.getClass().getName();
    }, "value");
  }

  private static List<String> strings(CallInfo call, int index) {
    JsArray array = call.array(index);
    List<String> out = new ArrayList<>();
    for (int i = 0, n = array.length(); i < n; i++) {
      if (!(array.get(i) instanceof JsString s)) throw call.typeError(index, "an array of strings");
      out.add(s.value());
    }
    return out;
  }

  private static Object newClasspath(CallInfo call) {
    List<String> paths = strings(call, 0);
    String name = call.string(1);
    List<URL> urls = new ArrayList<>();
    List<Path> entries = new ArrayList<>();
    for (String p : paths) {
      Path path = Path.of(p).toAbsolutePath().normalize();
      if (!Files.exists(path)) {
        throw new JsError(JsError.Kind.ERROR, "ERR_NAPI_JAVA_CLASSPATH", "napi-java: classpath entry not found: " + path);
      }
      entries.add(path);
      try {
        urls.add(path.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException(e);
      }
    }
    URLClassLoader loader = new URLClassLoader("classpath:" + name, urls.toArray(URL[]::new), JDK_ONLY);
    return JsExternal.of(call.env(), new ClassPath(name, loader, List.copyOf(entries)));
  }

  private static Object importClass(CallInfo call) {
    ClassPath classpath = call.external(0, ClassPath.class);
    String name = call.string(1);
    return BridgeEnv.of(call.env()).constructor(load(classpath, name));
  }

  /** The class {@code name} in the classpath, also as {@code Outer.Inner} for {@code Outer$Inner}. */
  static Class<?> load(ClassPath classpath, String name) {
    String binary = name;
    while (true) {
      try {
        return Class.forName(binary, false, classpath.loader());
      } catch (ClassNotFoundException e) {
        int dot = binary.lastIndexOf('.');
        if (dot < 0) break;
        binary = binary.substring(0, dot) + "$" + binary.substring(dot + 1);
      } catch (LinkageError e) {
        throw new JsError(JsError.Kind.ERROR, "ERR_NAPI_JAVA_CLASS", "napi-java: cannot load " + name + ": " + e, e);
      }
    }
    throw new JsError(JsError.Kind.ERROR, "ERR_NAPI_JAVA_NO_CLASS", "napi-java: no class " + name + " in the classpath "
        + classpath.name() + " (" + classpath.entries().size() + " entries, and the JDK)");
  }

  private static Object newProxy(CallInfo call) {
    ClassPath classpath = call.external(0, ClassPath.class);
    List<Class<?>> interfaces = new ArrayList<>();
    JsValue names = call.arg(1);
    List<String> list = names instanceof JsString s ? List.of(s.value()) : strings(call, 1);
    for (String name : list) {
      Class<?> type = load(classpath, name);
      if (!type.isInterface()) throw JsError.typeError("newProxy(): " + name + " is not an interface");
      interfaces.add(type);
    }
    if (interfaces.isEmpty()) throw call.typeError(1, "an interface name or an array of them");
    JsObject implementation = call.object(2);
    BridgeEnv bridge = BridgeEnv.of(call.env());
    return bridge.wrap(JsProxies.implement(bridge, interfaces.toArray(Class<?>[]::new), implementation, true));
  }

  private static Object resolve(CallInfo call) {
    List<String> coordinates = strings(call, 0);
    Path jars = Path.of(call.string(1));
    Path localRepository = Path.of(call.string(2));
    List<String> repositories = strings(call, 3);
    boolean transitive = call.length() <= 4 || call.bool(4);
    Deferred deferred = Deferred.create(call.env());
    JsObject promise = deferred.promise();
    Thread.ofVirtual().name("napi-java maven").start(() -> {
      try {
        deferred.resolve(resolver(jars, localRepository, repositories, transitive).apply(coordinates));
      } catch (Throwable t) {
        deferred.reject(t);
      }
    });
    return promise;
  }

  @SuppressWarnings("unchecked")
  private static Function<List<String>, List<String>> resolver(Path jars, Path localRepository, List<String> repositories,
      boolean transitive)
      throws ReflectiveOperationException, IOException {
    URLClassLoader loader = resolverLoader;
    if (loader == null) {
      synchronized (Bridge.class) {
        if (resolverLoader == null) {
          List<URL> urls = new ArrayList<>();
          // This jar first (for MavenResolver), then the resolver's jars; parent: the platform
          // loader, so that the resolver sees neither napi-java nor the user's classpaths.
          urls.add(Bridge.class.getProtectionDomain().getCodeSource().getLocation());
          try (Stream<Path> files = Files.list(jars)) {
            for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) urls.add(jar.toUri().toURL());
          }
          resolverLoader = new URLClassLoader("napi-java maven resolver", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        }
        loader = resolverLoader;
      }
    }
    Class<?> type = Class.forName("dev.napijava.bridge.maven.MavenResolver", true, loader);
    return (Function<List<String>, List<String>>) type.getConstructor(Path.class, List.class, boolean.class)
        .newInstance(localRepository, repositories, transitive);
  }
}
