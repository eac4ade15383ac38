/*
 * The napi-java launcher: a Node addon that boots one JVM inside the Node process and hands
 * each env (main thread and every worker) to the Java runtime with a single JNI call. All
 * other work happens in Java, which calls Node-API directly through the FFM API.
 *
 * JS side (index.js) calls, per env:
 *   state()                      -> null, or { libjvm, options[] } once the JVM runs
 *   boot(libjvmPath, options[])  -> { libjvm, options[] }    (creates the JVM once per process)
 *   bind(exports, threadName)    -> undefined                (the one JNI call for this env)
 */
#include <dlfcn.h>
#include <jni.h>
#include <locale.h>
#include <node_api.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

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

static pthread_mutex_t boot_lock = PTHREAD_MUTEX_INITIALIZER;
static JavaVM *vm;
static jclass runtime_class;
static jmethodID bind_method;
static pthread_key_t detach_key;
static char *boot_libjvm; /* the JVM library and options the JVM was created with */
static char **boot_options;
static int boot_option_count;

typedef jint (*create_vm_fn)(JavaVM **, void **, void *);

static napi_value fail(napi_env env, const char *code, const char *message) {
  napi_throw_error(env, code, message);
  return NULL;
}

/* Thread-exit destructor: a thread that JS ran on leaves the JVM when it ends (workers). */
static void detach_thread(void *unused) {
  (void)unused;
  if (vm != NULL) (*vm)->DetachCurrentThread(vm);
}

/*
 * Node ends the process with exit() while the JVM inside it runs on: its GC, compiler and Java
 * threads keep going while exit() calls the C++ static destructors that libjvm registered when
 * it was loaded. Those free memory that the running JVM still uses (CodeCache's statistics,
 * which every GC updates; thread lists), so a GC during the exit writes into freed memory and a
 * later malloc aborts the process ("malloc(): unsorted double linked list corrupted"). This
 * handler is registered right after libjvm is loaded, before the JVM starts, so exit() calls it
 * after the handlers the JVM registers while it runs (the attach listener removes its socket)
 * and before those destructors: it does what Node's own exit handlers must still do (restore
 * the terminal's modes, flush C stdio) and ends the process there with the exit status, like
 * quick_exit(). Exit handlers registered before the JVM was loaded (Node's, and other addons'
 * static destructors) do not run. An exit while no JVM runs (it failed to start) goes on as usual.
 */
#ifdef __GLIBC__
static void (*node_reset_stdio)(void);

static void exit_before_jvm_teardown(int status, void *unused) {
  (void)unused;
  if (vm == NULL) return;
  if (node_reset_stdio != NULL) node_reset_stdio();
  fflush(NULL);
  _exit(status);
}

static void end_process_before_jvm_teardown(void) {
  node_reset_stdio = (void (*)(void))dlsym(RTLD_DEFAULT, "_ZN4node10ResetStdioEv");
  on_exit(exit_before_jvm_teardown, NULL);
}
#else
static void end_process_before_jvm_teardown(void) {}
#endif

static char *get_string(napi_env env, napi_value value) {
  size_t length = 0;
  if (napi_get_value_string_utf8(env, value, NULL, 0, &length) != napi_ok) return NULL;
  char *text = malloc(length + 1);
  if (text == NULL) return NULL;
  napi_get_value_string_utf8(env, value, text, length + 1, &length);
  return text;
}

/* The JVM takes SIGUSR2 for thread suspension unless told to use another signal. */
static void choose_suspend_signal(void) {
  if (getenv("_JAVA_SR_SIGNUM") != NULL) return;
  for (int sig = SIGRTMIN + 2; sig <= SIGRTMAX - 2; sig++) {
    struct sigaction current;
    if (sigaction(sig, NULL, &current) == 0 && current.sa_handler == SIG_DFL) {
      char value[16];
      snprintf(value, sizeof value, "%d", sig);
      setenv("_JAVA_SR_SIGNUM", value, 1);
      return;
    }
  }
}

/* HotSpot places guard pages -Xss below the top of an attached main thread's stack. */
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
  void *library = dlopen(libjvm, RTLD_NOW | RTLD_LOCAL);
  if (library == NULL) {
    snprintf(message, message_size, "napi-java: cannot load the JVM library %s: %s", libjvm, dlerror());
    return message;
  }
  create_vm_fn create = (create_vm_fn)dlsym(library, "JNI_CreateJavaVM");
  if (create == NULL) {
    snprintf(message, message_size, "napi-java: %s has no JNI_CreateJavaVM", libjvm);
    return message;
  }
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
  pthread_key_create(&detach_key, detach_thread);
  pthread_setspecific(detach_key, vm);
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
  pthread_mutex_lock(&boot_lock);
  if (vm == NULL && failed == NULL) {
    boot_libjvm = strdup(libjvm);
    failed = create_vm(env, libjvm, argv[1], count, message, sizeof message);
  }
  pthread_mutex_unlock(&boot_lock);
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
    pthread_setspecific(detach_key, vm);
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
  };
  napi_define_properties(env, exports, 3, functions);
  return exports;
}
