/** Options of {@link load}. JDK and JVM options only apply to the first load() in a process. */
export interface LoadOptions {
  /**
   * The JDK (25 or newer) to run. Default: NAPI_JAVA_HOME, else the newest JDK 25+ among JAVA_HOME,
   * java on PATH, and the JDKs in /usr/lib/jvm, /usr/java, /opt/java, ~/.sdkman, ~/.jdks (or in the
   * folders listed in NAPI_JAVA_JDK_DIRS, separated by ':').
   */
  javaHome?: string;
  /** Extra JVM options, e.g. ['-Xmx1g']. The default heap limit is -Xmx512m. */
  jvmOptions?: string[];
  /** The Addon class to use when the jar holds several. */
  addon?: string;
  /**
   * false: no AOT start-up cache (also NAPI_JAVA_AOT_CACHE=off). By default the first load() of an
   * install makes one in the background in $NAPI_JAVA_CACHE_DIR, else $XDG_CACHE_HOME/napi-java,
   * else ~/.cache/napi-java, and later loads use it.
   */
  aotCache?: boolean;
}

/** The JDK home that load() would use with these options; throws load()'s errors when there is none. */
export function findJavaHome(options?: Pick<LoadOptions, 'javaHome'>): string;

/**
 * Loads a Java addon from a jar (or a classes folder) and returns its exports. Each JS thread
 * (main or worker) gets its own exports; loading the same jar twice on a thread returns the same.
 */
export function load<T = Record<string, any>>(jarPath: string, options?: LoadOptions): T;

/** napi-java/java, the dynamic bridge: any Java library from JS (docs/dynamic-bridge.md). */
export const java: typeof import('./java.js');
