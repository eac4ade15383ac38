// Types of napi-java/java, the dynamic bridge (docs/dynamic-bridge.md). `npx napi-java types`
// writes the declarations of a library's classes, with a `Classes` interface to pass here:
//   const cp = await classpath<Classes>(['org.commonmark:commonmark:0.24.0']);
//   const Parser = cp.importClass('org.commonmark.parser.Parser'); // typeof org.commonmark.parser.Parser

/** A Java object in JS: its Java methods (and nameAsync forms), by reference. */
export interface JavaObject {
  toString(): string;
  equals(other: unknown): boolean;
  hashCode(): number;
  [member: string]: any;
}

/** A Java Iterable or Iterator: iterable from JS. */
export interface JavaIterable<T> extends JavaObject, Iterable<T> {}

/** A Java Collection: iterable, with length (its size()). */
export interface JavaCollection<T> extends JavaIterable<T> {
  readonly length: number;
  size(): number;
}

/** A Java List: also list[i] (read; written: set(i) within the list, add at its end) and at(i), as JS arrays have them. */
export interface JavaList<T> extends JavaCollection<T> {
  [index: number]: T;
  get(index: number): T;
  at(index: number): T | undefined;
}

/** A Java Map: iterable as [key, value] pairs. */
export interface JavaMap<K, V> extends JavaObject, Iterable<[K, V]> {
  get(key: unknown): V | null;
  size(): number;
}

export interface ClasspathOptions {
  /** A name for the class loader (in Java stack traces); default classpath-<n>. */
  name?: string;
  /** The Maven local repository that caches resolved jars; default $NAPI_JAVA_MAVEN_REPOSITORY, else ~/.m2/repository. */
  localRepository?: string;
  /** Maven repositories to resolve from, in order; default Maven Central. */
  repositories?: string[];
  /** Options of load() (javaHome, jvmOptions), applied when this is the first Java use in the process. */
  javaHome?: string;
  jvmOptions?: string[];
}

/** One class loader over jars, folders and resolved Maven coordinates. */
export declare class Classpath<C = {}> {
  readonly name: string;
  /** The jar files and folders, resolved coordinates included. */
  readonly files: readonly string[];
  importClass<K extends keyof C & string>(name: K): C[K];
  importClass(name: string): any;
  importClassAsync<K extends keyof C & string>(name: K): Promise<C[K]>;
  importClassAsync(name: string): Promise<any>;
  importPackage(name: string): Record<string, any>;
  newProxy(interfaces: string | string[], implementation: object): JavaObject;
  /** TypeScript declarations of this classpath's own classes, with JSDoc from the javadoc jars given (see javadocJars()). */
  declarations(javadocJars?: string[]): string;
}

/** A classpath from jar files, class folders and Maven coordinates (downloaded with their runtime dependencies). */
export declare function classpath<C = {}>(entries: string[], options?: ClasspathOptions): Promise<Classpath<C>>;
/** As classpath(), synchronously, for jar files and folders only. */
export declare function classpathSync<C = {}>(entries: string[], options?: ClasspathOptions): Classpath<C>;
/** The javadoc jars of jar files in the local Maven repository, fetched where published (others are left out). */
export declare function javadocJars(files: string[], options?: ClasspathOptions): Promise<string[]>;
/** Whether a value is a Java object. */
export declare function isJavaObject(value: unknown): boolean;
/** The Java class name of a Java object, else undefined. */
export declare function javaClassOf(value: unknown): string | undefined;
