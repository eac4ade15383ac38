package dev.napijava.internal;

import dev.napijava.Addon;
import dev.napijava.JsError;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;

/**
 * Addon jars: each in a class loader of its own, made once per process and shared by every env
 * (so statics are process-wide, like a C addon's). The Addon class is named by the caller, by
 * the manifest attribute {@code Napi-Java-Addon}, or by {@code META-INF/services}.
 */
final class AddonJars {
  static final String MANIFEST_ATTRIBUTE = "Napi-Java-Addon";
  private static final Map<Path, URLClassLoader> LOADERS = new ConcurrentHashMap<>();

  private AddonJars() {}

  static Addon instantiate(String jarPath, String className) {
    Path path = Path.of(jarPath).toAbsolutePath().normalize();
    if (!Files.exists(path)) throw failure("ERR_NAPI_JAVA_JAR_NOT_FOUND", "addon jar not found: " + path, null);
    URLClassLoader loader = LOADERS.computeIfAbsent(path, AddonJars::classLoader);
    Class<?> type = className != null ? load(loader, path, className) : find(loader, path);
    if (!Addon.class.isAssignableFrom(type)) {
      throw failure("ERR_NAPI_JAVA_NO_ADDON", type.getName() + " in " + path + " does not implement " + Addon.class.getName(), null);
    }
    try {
      return (Addon) type.getConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : e;
      throw failure("ERR_NAPI_JAVA_ADDON_INIT", "cannot create " + type.getName() + " (it needs a public no-argument constructor): " + cause, cause);
    }
  }

  private static URLClassLoader classLoader(Path path) {
    try {
      URL url = path.toUri().toURL();
      return new URLClassLoader("addon:" + path.getFileName(), new URL[] {url}, Addon.class.getClassLoader());
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static Class<?> load(ClassLoader loader, Path path, String className) {
    try {
      return Class.forName(className, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw failure("ERR_NAPI_JAVA_NO_ADDON", "no class " + className + " in " + path, e);
    }
  }

  private static Class<?> find(URLClassLoader loader, Path path) {
    String named = manifestAddon(path);
    if (named != null) return load(loader, path, named);
    List<Class<? extends Addon>> found;
    try {
      found = ServiceLoader.load(Addon.class, loader).stream()
          .map(ServiceLoader.Provider::type)
          .filter(type -> type.getClassLoader() == loader)
          .toList();
    } catch (java.util.ServiceConfigurationError e) {
      throw failure("ERR_NAPI_JAVA_NO_ADDON", "cannot read the Addon services of " + path + ": " + e.getMessage(), e);
    }
    if (found.isEmpty()) {
      throw failure("ERR_NAPI_JAVA_NO_ADDON", "no Addon in " + path + ": name your class in META-INF/services/"
          + Addon.class.getName() + " or in the manifest attribute " + MANIFEST_ATTRIBUTE, null);
    }
    if (found.size() > 1) {
      throw failure("ERR_NAPI_JAVA_NO_ADDON", path + " holds several addons " + found.stream().map(Class::getName).toList()
          + "; choose one with load(jar, { addon: 'class name' })", null);
    }
    return found.get(0);
  }

  private static String manifestAddon(Path path) {
    if (Files.isDirectory(path)) return null;
    try (JarFile jar = new JarFile(path.toFile())) {
      var manifest = jar.getManifest();
      return manifest == null ? null : manifest.getMainAttributes().getValue(MANIFEST_ATTRIBUTE);
    } catch (IOException e) {
      throw failure("ERR_NAPI_JAVA_BAD_JAR", "cannot read " + path + " as a jar: " + e.getMessage(), e);
    }
  }

  private static JsError failure(String code, String message, Throwable cause) {
    return new JsError(JsError.Kind.ERROR, code, "napi-java: " + message, cause);
  }
}
