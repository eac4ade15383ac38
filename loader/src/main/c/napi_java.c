/*
 * The napi-java launcher: a Node addon that boots one JVM inside the Node process and hands
 * each env (main thread and every worker) to the Java runtime with a single JNI call. All
 * other work happens in Java, which calls Node-API directly through the FFM API.
 *
 * JS side (index.js) calls, per env:
 *   state()                      -> null, or { libjvm, options[] } once the JVM runs
 *   boot(libjvmPath, options[])  -> { libjvm, options[] }    (creates the JVM once per process)
 *   bind(exports, threadName)    -> undefined                (the one JNI call for this env)
 *   exiting(code)                -> undefined  (macOS and Windows: the process exits, with code)
 *
 * One file for Linux, macOS and Windows: the platform layer below (locking, thread exit, loading
 * libjvm.so / libjvm.dylib / jvm.dll, exit, signals, stack size) has a body per platform, and
 * loader/build.sh compiles it for each.
 */
#ifdef _WIN32
#ifndef _WIN32_WINNT
#define _WIN32_WINNT 0x0A00 /* Windows 10, the oldest Windows that Node 18+ runs on */
#endif
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#else
#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>
#endif
#include <jni.h>
#include <locale.h>
#include <node_api.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* glibc 2.34 moved dlopen and the pthread functions into libc under new symbol versions; binding
 * to their first versions keeps the launcher loadable on glibc 2.28+ (Debian 10, RHEL 8, Ubuntu
 * 20.04). test-addons/js/glibc.test.mjs checks the highest version the launcher needs. */
#if defined(__GLIBC__) && (defined(__x86_64__) || defined(__aarch64__))
#if defined(__x86_64__)
#define NAPI_JAVA_GLIBC_BASE "GLIBC_2.2.5"
#else
#define NAPI_JAVA_GLIBC_BASE "GLIBC_2.17"
#endif
__asm__(".symver dlopen,dlopen@" NAPI_JAVA_GLIBC_BASE);
__asm__(".symver dlsym,dlsym@" NAPI_JAVA_GLIBC_BASE);
__asm__(".symver dlerror,dlerror@" NAPI_JAVA_GLIBC_BASE);
__asm__(".symver pthread_key_create,pthread_key_create@" NAPI_JAVA_GLIBC_BASE);
__asm__(".symver pthread_setspecific,pthread_setspecific@" NAPI_JAVA_GLIBC_BASE);
#endif

#define RUNTIME_CLASS "dev/napijava/internal/Runtime"
#define STACK_MARGIN (2L * 1024 * 1024)
#define STACK_CAP (512L * 1024 * 1024)

static JavaVM *vm;
static jclass runtime_class;
static jmethodID bind_method;
static char *boot_libjvm; /* the JVM library and options the JVM was created with */
static char **boot_options;
static int boot_option_count;

typedef jint (JNICALL *create_vm_fn)(JavaVM **, void **, void *);

/*
 * The platform layer: each function below has one body per platform family (POSIX: Linux and
 * macOS; Windows), and the rest of the file calls only these.
 */

/* -- The lock that makes the JVM's start once per process. */
#ifdef _WIN32
static SRWLOCK boot_lock = SRWLOCK_INIT;
static void lock_boot(void) { AcquireSRWLockExclusive(&boot_lock); }
static void unlock_boot(void) { ReleaseSRWLockExclusive(&boot_lock); }
#else
static pthread_mutex_t boot_lock = PTHREAD_MUTEX_INITIALIZER;
static void lock_boot(void) { pthread_mutex_lock(&boot_lock); }
static void unlock_boot(void) { pthread_mutex_unlock(&boot_lock); }
#endif

/*
 * -- Thread exit: a thread that JS ran on leaves the JVM when it ends (workers). POSIX runs a
 * pthread_key destructor at thread exit. Windows runs a fiber-local storage callback (a thread is
 * one fiber): unlike DllMain's DLL_THREAD_DETACH and TLS callbacks, it runs without the loader
 * lock, which a detach could otherwise deadlock on (it may wait for a safepoint while a JVM
 * thread that is starting waits for that lock). Windows also runs it for the thread that calls
 * ExitProcess, after the JVM's other threads have been ended: see process_exiting.
 */
static void detach_current_thread(void) {
  if (vm != NULL) (*vm)->DetachCurrentThread(vm);
}

#ifdef _WIN32
static DWORD detach_slot = FLS_OUT_OF_INDEXES;
/* Set by exiting(code) once the process exits: ExitProcess then ends the JVM's threads (see the
 * exit section), maybe while they hold its locks, before it runs this callback for the exiting
 * thread, which therefore must not enter the JVM. */
static volatile LONG process_exiting;

static void WINAPI detach_thread(void *unused) {
  (void)unused;
  if (!process_exiting) detach_current_thread();
}

static void watch_thread_exits(void) { detach_slot = FlsAlloc(detach_thread); }

static void detach_at_thread_exit(void) {
  if (detach_slot != FLS_OUT_OF_INDEXES) FlsSetValue(detach_slot, vm);
}
#else
static pthread_key_t detach_key;

static void detach_thread(void *unused) {
  (void)unused;
  detach_current_thread();
}

static void watch_thread_exits(void) { pthread_key_create(&detach_key, detach_thread); }

static void detach_at_thread_exit(void) { pthread_setspecific(detach_key, vm); }
#endif

/*
 * -- The launcher stays loaded until the process ends: Node unloads an addon with the worker env
 * that loaded it, while the thread-exit callback above still points into the launcher. Linux
 * links with -Wl,-z,nodelete (build.sh); macOS reopens the launcher with RTLD_NODELETE and
 * Windows pins its module, the same promise made at run time.
 */
#if defined(_WIN32)
static void pin_launcher(void) {
  HMODULE self;
  GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_PIN,
                     (LPCWSTR)(void *)pin_launcher, &self);
}
#elif defined(__APPLE__)
static void pin_launcher(void) {
  Dl_info self;
  if (dladdr((void *)pin_launcher, &self) != 0 && self.dli_fname != NULL)
    dlopen(self.dli_fname, RTLD_LAZY | RTLD_NOLOAD | RTLD_NODELETE);
}
#else
static void pin_launcher(void) {}
#endif

/* -- Loading the JVM library and finding JNI_CreateJavaVM in it; NULL with `message` written. */
#ifdef _WIN32
/* The Microsoft C runtime DLLs that a JDK ships in <home>\bin, next to none of which jvm.dll lies
 * (it is in <home>\bin\server): loaded first from there, as the JDK's java.exe does, so that a
 * machine without the Visual C++ runtime installed still starts the JVM. */
static void load_jdk_runtime_dlls(const wchar_t *jvm_dll) {
  static const wchar_t *names[] = {L"vcruntime140.dll", L"vcruntime140_1.dll", L"msvcp140.dll"};
  size_t length = wcslen(jvm_dll);
  wchar_t *path = malloc((length + 32) * sizeof(wchar_t));
  if (path == NULL) return;
  wcscpy(path, jvm_dll);
  for (int up = 0; up < 2; up++) { /* <home>\bin\server\jvm.dll -> <home>\bin */
    wchar_t *slash = wcsrchr(path, L'\\');
    wchar_t *other = wcsrchr(path, L'/');
    if (other != NULL && (slash == NULL || other > slash)) slash = other;
    if (slash == NULL) {
      free(path);
      return;
    }
    *slash = 0;
  }
  size_t base = wcslen(path);
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    path[base] = 0;
    wcscat(path, L"\\");
    wcscat(path, names[i]);
    if (GetFileAttributesW(path) != INVALID_FILE_ATTRIBUTES) LoadLibraryW(path);
  }
  free(path);
}

static create_vm_fn open_jvm(const char *libjvm, char *message, size_t message_size) {
  int length = MultiByteToWideChar(CP_UTF8, 0, libjvm, -1, NULL, 0);
  wchar_t *path = length > 0 ? malloc(length * sizeof(wchar_t)) : NULL;
  if (path == NULL || MultiByteToWideChar(CP_UTF8, 0, libjvm, -1, path, length) == 0) {
    free(path);
    snprintf(message, message_size, "napi-java: cannot load the JVM library %s: not a valid path", libjvm);
    return NULL;
  }
  load_jdk_runtime_dlls(path);
  HMODULE library = LoadLibraryExW(path, NULL, LOAD_WITH_ALTERED_SEARCH_PATH);
  free(path);
  if (library == NULL) {
    snprintf(message, message_size, "napi-java: cannot load the JVM library %s: Windows error %lu", libjvm,
             (unsigned long)GetLastError());
    return NULL;
  }
  create_vm_fn create = (create_vm_fn)(void (*)(void))GetProcAddress(library, "JNI_CreateJavaVM");
  if (create == NULL) snprintf(message, message_size, "napi-java: %s has no JNI_CreateJavaVM", libjvm);
  return create;
}
#else
static create_vm_fn open_jvm(const char *libjvm, char *message, size_t message_size) {
  void *library = dlopen(libjvm, RTLD_NOW | RTLD_LOCAL);
  if (library == NULL) {
    snprintf(message, message_size, "napi-java: cannot load the JVM library %s: %s", libjvm, dlerror());
    return NULL;
  }
  create_vm_fn create = (create_vm_fn)dlsym(library, "JNI_CreateJavaVM");
  if (create == NULL) snprintf(message, message_size, "napi-java: %s has no JNI_CreateJavaVM", libjvm);
  return create;
}
#endif

/*
 * -- Exit. Node ends the process with exit() while the JVM inside it runs on: its GC, compiler
 * and Java threads keep going while exit() calls the C++ static destructors that libjvm
 * registered when it was loaded. Those free memory that the running JVM still uses (CodeCache's
 * statistics, which every GC updates; thread lists), so a GC during the exit writes into freed
 * memory and a later malloc aborts the process ("malloc(): unsorted double linked list
 * corrupted"). exit() runs its handlers last registered first, C++ destructors among them
 * (__cxa_atexit, with glibc and with macOS's libSystem alike), so a handler registered right
 * after libjvm is loaded, before the JVM starts, runs after the handlers the JVM registers while
 * it runs (the attach listener removes its socket) and before those destructors: it does what
 * Node's own exit handlers must still do (restore the terminal's modes, flush C stdio) and ends
 * the process there with the exit status, like quick_exit(). Exit handlers registered before the
 * JVM was loaded (Node's, and other addons' static destructors) do not run. An exit while no JVM
 * runs (it failed to start) goes on as usual.
 *
 * glibc's on_exit hands the handler the exit status. macOS has only atexit, whose handlers are
 * not told the status: index.js tells it to the launcher's exiting(code) from process 'exit' and
 * process.reallyExit, and the handler ends the process with the last status it was told.
 *
 * Windows needs no handler: exit() runs node.exe's own handlers and then ExitProcess, which ends
 * every other thread of the process before it calls the DLLs' DLL_PROCESS_DETACH, where jvm.dll's
 * C runtime runs its static destructors; by then no JVM thread runs to use what they free.
 * index.js still tells exiting(code) there, for the thread-exit callback.
 */
/* macOS's way, also built for Linux by loader/test/launchers.test.mjs to run it there. */
#if defined(__APPLE__) || defined(NAPI_JAVA_EXIT_STATUS_FROM_JS)
#define EXIT_STATUS_FROM_JS 1
#endif

#if defined(__GLIBC__) || defined(EXIT_STATUS_FROM_JS)
static void (*node_reset_stdio)(void);

static void end_process_now(int status) {
  if (vm == NULL) return;
  if (node_reset_stdio != NULL) node_reset_stdio();
  fflush(NULL);
  _exit(status);
}
#endif

#if defined(EXIT_STATUS_FROM_JS)
static volatile int exit_status;

static void exit_before_jvm_teardown(void) { end_process_now(exit_status); }

static void end_process_before_jvm_teardown(void) {
  node_reset_stdio = (void (*)(void))dlsym(RTLD_DEFAULT, "_ZN4node10ResetStdioEv");
  atexit(exit_before_jvm_teardown);
}

/* exiting(code): the status of the exit under way, for the atexit handler above. */
static napi_value exiting(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  int32_t code = 0;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc == 1 && napi_get_value_int32(env, argv[0], &code) == napi_ok) exit_status = code;
  return NULL;
}
#elif defined(__GLIBC__)
static void exit_before_jvm_teardown(int status, void *unused) {
  (void)unused;
  end_process_now(status);
}

static void end_process_before_jvm_teardown(void) {
  node_reset_stdio = (void (*)(void))dlsym(RTLD_DEFAULT, "_ZN4node10ResetStdioEv");
  on_exit(exit_before_jvm_teardown, NULL);
}
#elif defined(_WIN32)
static void end_process_before_jvm_teardown(void) {}

/* exiting(code): the process exits; the thread-exit callback leaves the JVM alone from now on. */
static napi_value exiting(napi_env env, napi_callback_info info) {
  (void)env;
  (void)info;
  InterlockedExchange(&process_exiting, 1);
  return NULL;
}
#else
static void end_process_before_jvm_teardown(void) {}
#endif

/*
 * -- The JVM takes SIGUSR2 for thread suspension unless told to use another signal, and Node
 * programs may handle SIGUSR2 themselves. Linux has real-time signals to spare; macOS has none,
 * so one of the classic signals that neither Node, libuv nor V8 uses and that the JVM accepts
 * (above SIGSEGV and SIGBUS). Windows suspends threads without signals.
 */
#ifdef _WIN32
static void choose_suspend_signal(void) {}
#else
static int signal_is_free(int sig) {
  struct sigaction current;
  return sigaction(sig, NULL, &current) == 0 && current.sa_handler == SIG_DFL;
}

static void choose_suspend_signal(void) {
  if (getenv("_JAVA_SR_SIGNUM") != NULL) return;
  int chosen = 0;
#ifdef SIGRTMIN
  for (int sig = SIGRTMIN + 2; sig <= SIGRTMAX - 2 && chosen == 0; sig++)
    if (signal_is_free(sig)) chosen = sig;
#else
  const int candidates[] = {SIGVTALRM, SIGIO, SIGURG};
  for (size_t i = 0; i < sizeof candidates / sizeof candidates[0] && chosen == 0; i++)
    if (signal_is_free(candidates[i])) chosen = candidates[i];
#endif
  if (chosen == 0) return;
  char value[16];
  snprintf(value, sizeof value, "%d", chosen);
  setenv("_JAVA_SR_SIGNUM", value, 1);
}
#endif

/*
 * -- -Xss. HotSpot places guard pages -Xss below the top of an attached main thread's stack on
 * Linux, so -Xss must cover the main thread's stack: its limit plus a margin. On Windows HotSpot
 * reads an attached thread's stack bounds itself; -Xss matches the main thread's reservation
 * there too, so that Java threads get as much stack as the JS thread.
 */
#ifdef _WIN32
static long safe_stack_size(void) {
  ULONG_PTR low = 0, high = 0;
  GetCurrentThreadStackLimits(&low, &high);
  long size = high > low ? (long)(high - low) : 8L * 1024 * 1024;
  if (size > STACK_CAP) size = STACK_CAP;
  return size + STACK_MARGIN;
}
#else
static long safe_stack_size(void) {
  struct rlimit limit;
  long size = 8L * 1024 * 1024;
  if (getrlimit(RLIMIT_STACK, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
    size = (long)limit.rlim_cur;
  else if (getrlimit(RLIMIT_STACK, &limit) == 0)
    size = STACK_CAP;
  if (size > STACK_CAP) size = STACK_CAP;
  return size + STACK_MARGIN;
}
#endif

static napi_value fail(napi_env env, const char *code, const char *message) {
  napi_throw_error(env, code, message);
  return NULL;
}

static char *get_string(napi_env env, napi_value value) {
  size_t length = 0;
  if (napi_get_value_string_utf8(env, value, NULL, 0, &length) != napi_ok) return NULL;
  char *text = malloc(length + 1);
  if (text == NULL) return NULL;
  napi_get_value_string_utf8(env, value, text, length + 1, &length);
  return text;
}

static napi_value options_array(napi_env env) {
  napi_value array, item;
  napi_create_array_with_length(env, boot_option_count, &array);
  for (int i = 0; i < boot_option_count; i++) {
    napi_create_string_utf8(env, boot_options[i], NAPI_AUTO_LENGTH, &item);
    napi_set_element(env, array, i, item);
  }
  return array;
}

static napi_value state(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value result, libjvm;
  if (vm == NULL || runtime_class == NULL) {
    napi_get_null(env, &result);
    return result;
  }
  napi_create_object(env, &result);
  napi_create_string_utf8(env, boot_libjvm, NAPI_AUTO_LENGTH, &libjvm);
  napi_set_named_property(env, result, "libjvm", libjvm);
  napi_set_named_property(env, result, "options", options_array(env));
  return result;
}

static const char *create_vm(napi_env env, const char *libjvm, napi_value list, uint32_t count,
                             char *message, size_t message_size) {
  create_vm_fn create = open_jvm(libjvm, message, message_size);
  if (create == NULL) return message;
  end_process_before_jvm_teardown();
  char stack[64];
  snprintf(stack, sizeof stack, "-Xss%ld", safe_stack_size());
  const char *fixed[] = {"-Xrs", stack};
  int fixed_count = 2;
  boot_option_count = fixed_count + (int)count;
  boot_options = calloc(boot_option_count, sizeof(char *));
  JavaVMOption *options = calloc(boot_option_count, sizeof(JavaVMOption));
  for (int i = 0; i < fixed_count; i++) boot_options[i] = strdup(fixed[i]);
  for (uint32_t i = 0; i < count; i++) {
    napi_value item;
    napi_get_element(env, list, i, &item);
    boot_options[fixed_count + i] = get_string(env, item);
    if (boot_options[fixed_count + i] == NULL) {
      snprintf(message, message_size, "napi-java: JVM option %u is not a string", i);
      return message;
    }
  }
  for (int i = 0; i < boot_option_count; i++) options[i].optionString = boot_options[i];

  JavaVMInitArgs args = {.version = JNI_VERSION_10, .nOptions = boot_option_count,
                         .options = options, .ignoreUnrecognized = JNI_FALSE};
  choose_suspend_signal();
  char *locale = strdup(setlocale(LC_ALL, NULL));
  JNIEnv *jni;
  jint status = create(&vm, (void **)&jni, &args);
  setlocale(LC_ALL, locale);
  free(locale);
  free(options);
  if (status != JNI_OK) {
    vm = NULL;
    snprintf(message, message_size,
             "napi-java: the JVM did not start (JNI error %d); check the JVM options", (int)status);
    return message;
  }
  pin_launcher();
  watch_thread_exits();
  detach_at_thread_exit();
  jclass found = (*jni)->FindClass(jni, RUNTIME_CLASS);
  if (found != NULL) {
    runtime_class = (*jni)->NewGlobalRef(jni, found);
    bind_method = (*jni)->GetStaticMethodID(jni, runtime_class, "bind", "(JJ)V");
  }
  if (runtime_class == NULL || bind_method == NULL) {
    (*jni)->ExceptionDescribe(jni);
    (*jni)->ExceptionClear(jni);
    snprintf(message, message_size, "napi-java: the runtime class %s is missing from the runtime jars", RUNTIME_CLASS);
    return message;
  }
  return NULL;
}

static napi_value boot(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  uint32_t count = 0;
  char *libjvm = argc == 2 ? get_string(env, argv[0]) : NULL;
  if (libjvm == NULL || napi_get_array_length(env, argv[1], &count) != napi_ok) {
    free(libjvm);
    return fail(env, "ERR_INVALID_ARG_TYPE", "napi-java: boot(libjvmPath: string, options: string[])");
  }
  static char message[1024];
  static const char *failed; /* a failed start cannot be retried in the same process */
  lock_boot();
  if (vm == NULL && failed == NULL) {
    boot_libjvm = strdup(libjvm);
    failed = create_vm(env, libjvm, argv[1], count, message, sizeof message);
  }
  unlock_boot();
  free(libjvm);
  if (failed != NULL) return fail(env, "ERR_NAPI_JAVA_JVM", failed);
  return state(env, info);
}

static napi_value bind(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (vm == NULL || runtime_class == NULL) return fail(env, "ERR_NAPI_JAVA_JVM", "napi-java: the JVM is not running");
  char *name = argc == 2 ? get_string(env, argv[1]) : NULL;
  JNIEnv *jni;
  if ((*vm)->GetEnv(vm, (void **)&jni, JNI_VERSION_10) == JNI_EDETACHED) {
    JavaVMAttachArgs attach = {.version = JNI_VERSION_10, .name = name, .group = NULL};
    if ((*vm)->AttachCurrentThreadAsDaemon(vm, (void **)&jni, &attach) != JNI_OK) {
      free(name);
      return fail(env, "ERR_NAPI_JAVA_JVM", "napi-java: cannot attach this thread to the JVM");
    }
    detach_at_thread_exit();
  }
  free(name);
  (*jni)->CallStaticVoidMethod(jni, runtime_class, bind_method, (jlong)(intptr_t)env,
                               (jlong)(intptr_t)argv[0]);
  if ((*jni)->ExceptionCheck(jni)) {
    (*jni)->ExceptionDescribe(jni);
    (*jni)->ExceptionClear(jni);
    return fail(env, "ERR_NAPI_JAVA_JVM", "napi-java: the Java runtime failed to bind this env");
  }
  return NULL;
}

NAPI_MODULE_INIT(/* napi_env env, napi_value exports */) {
  napi_property_descriptor functions[] = {
      {"state", NULL, state, NULL, NULL, NULL, napi_enumerable, NULL},
      {"boot", NULL, boot, NULL, NULL, NULL, napi_enumerable, NULL},
      {"bind", NULL, bind, NULL, NULL, NULL, napi_enumerable, NULL},
#if defined(EXIT_STATUS_FROM_JS) || defined(_WIN32)
      {"exiting", NULL, exiting, NULL, NULL, NULL, napi_enumerable, NULL},
#endif
  };
  napi_define_properties(env, exports, sizeof functions / sizeof functions[0], functions);
  return exports;
}
