/** Options of {@link load}. JDK and JVM options only apply to the first load() in a process. */
export interface LoadOptions {
  /** The JDK (22 or newer) to run. Default: NAPI_JAVA_HOME, JAVA_HOME, java on PATH, /usr/lib/jvm. */
  javaHome?: string;
  /** Extra JVM options, e.g. ['-Xmx1g']. The default heap limit is -Xmx512m. */
  jvmOptions?: string[];
  /** The Addon class to use when the jar holds several. */
  addon?: string;
}

/**
 * Loads a Java addon from a jar (or a classes folder) and returns its exports. Each JS thread
 * (main or worker) gets its own exports; loading the same jar twice on a thread returns the same.
 */
export function load<T = Record<string, any>>(jarPath: string, options?: LoadOptions): T;
