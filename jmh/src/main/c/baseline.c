// The C side of the side-by-side comparison: the same operations as the Java benchmark addon
// (dev.napijava.jmh.Operations), written directly against Node-API. This is the floor.
#include <node_api.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(call)                                                   \
  do {                                                                \
    if ((call) != napi_ok) {                                          \
      napi_throw_error(env, NULL, "baseline: " #call " failed");      \
      return NULL;                                                    \
    }                                                                 \
  } while (0)

static napi_value type_error(napi_env env, const char *message) {
  napi_throw_type_error(env, "ERR_INVALID_ARG_TYPE", message);
  return NULL;
}

static napi_value noop(napi_env env, napi_callback_info info) {
  (void)env;
  (void)info;
  return NULL;
}

static napi_value add(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  double a, b;
  napi_value result;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 2 || napi_get_value_double(env, argv[0], &a) != napi_ok ||
      napi_get_value_double(env, argv[1], &b) != napi_ok) {
    return type_error(env, "add(a, b) takes two numbers");
  }
  CHECK(napi_create_double(env, a + b, &result));
  return result;
}

// The string is read as UTF-16 into a buffer that grows, and a new string is made from it.
static char16_t *echo_buffer;
static size_t echo_capacity;

static napi_value echo(napi_env env, napi_callback_info info) {
  size_t argc = 1, length;
  napi_value argv[1], result;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 1 || napi_get_value_string_utf16(env, argv[0], NULL, 0, &length) != napi_ok) {
    return type_error(env, "echo(text) takes a string");
  }
  if (length + 1 > echo_capacity) {
    char16_t *bigger = realloc(echo_buffer, (length + 1) * sizeof(char16_t));
    if (bigger == NULL) return type_error(env, "echo(): out of memory");
    echo_buffer = bigger;
    echo_capacity = length + 1;
  }
  CHECK(napi_get_value_string_utf16(env, argv[0], echo_buffer, echo_capacity, &length));
  CHECK(napi_create_string_utf16(env, echo_buffer, length, &result));
  return result;
}

static napi_value callback(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], global, result;
  napi_valuetype type;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 1 || napi_typeof(env, argv[0], &type) != napi_ok || type != napi_function) {
    return type_error(env, "callback(fn) takes a function");
  }
  CHECK(napi_get_global(env, &global));
  if (napi_call_function(env, global, argv[0], 0, NULL, &result) != napi_ok) return NULL;
  return result;
}

static napi_value object_create(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value object, a, b, c;
  CHECK(napi_create_object(env, &object));
  CHECK(napi_create_int32(env, 1, &a));
  CHECK(napi_create_string_latin1(env, "two", 3, &b));
  CHECK(napi_get_boolean(env, true, &c));
  CHECK(napi_set_named_property(env, object, "a", a));
  CHECK(napi_set_named_property(env, object, "b", b));
  CHECK(napi_set_named_property(env, object, "c", c));
  return object;
}

static napi_value object_read(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], value, result;
  napi_valuetype type;
  const char *names[] = {"a", "b", "c"};
  double sum = 0, number;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 1 || napi_typeof(env, argv[0], &type) != napi_ok || type != napi_object) {
    return type_error(env, "objectRead(object) takes an object");
  }
  for (int i = 0; i < 3; i++) {
    CHECK(napi_get_named_property(env, argv[0], names[i], &value));
    if (napi_get_value_double(env, value, &number) != napi_ok) return type_error(env, "objectRead(): a, b, c must be numbers");
    sum += number;
  }
  CHECK(napi_create_double(env, sum, &result));
  return result;
}

static napi_value f64_sum(napi_env env, napi_callback_info info) {
  size_t argc = 1, length;
  napi_value argv[1], result;
  bool is_typedarray = false;
  napi_typedarray_type type;
  void *data;
  double sum = 0;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 1 || napi_is_typedarray(env, argv[0], &is_typedarray) != napi_ok || !is_typedarray) {
    return type_error(env, "f64Sum(array) takes a Float64Array");
  }
  CHECK(napi_get_typedarray_info(env, argv[0], &type, &length, &data, NULL, NULL));
  if (type != napi_float64_array) return type_error(env, "f64Sum(array) takes a Float64Array");
  const double *values = data;
  for (size_t i = 0; i < length; i++) sum += values[i];
  CHECK(napi_create_double(env, sum, &result));
  return result;
}

// tsfnRun(threads, perThread, callback): producer threads call the JS callback through one
// threadsafe function; the promise resolves with the number of calls once it is finalized.
typedef struct {
  napi_threadsafe_function tsfn;
  napi_deferred deferred;
  pthread_t *threads;
  int thread_count;
  int per_thread;
  int64_t delivered;
} tsfn_run;

static void tsfn_call_js(napi_env env, napi_value js_callback, void *context, void *data) {
  (void)data;
  tsfn_run *run = context;
  if (env == NULL) return;
  run->delivered++;
  napi_value undefined;
  napi_get_undefined(env, &undefined);
  napi_call_function(env, undefined, js_callback, 0, NULL, NULL);
}

static void *tsfn_producer(void *argument) {
  tsfn_run *run = argument;
  for (int i = 0; i < run->per_thread; i++) {
    if (napi_call_threadsafe_function(run->tsfn, NULL, napi_tsfn_blocking) != napi_ok) break;
  }
  napi_release_threadsafe_function(run->tsfn, napi_tsfn_release);
  return NULL;
}

static void tsfn_finalize(napi_env env, void *data, void *hint) {
  (void)hint;
  tsfn_run *run = data;
  for (int i = 0; i < run->thread_count; i++) pthread_join(run->threads[i], NULL);
  napi_value count;
  if (env != NULL && napi_create_int64(env, run->delivered, &count) == napi_ok) {
    napi_resolve_deferred(env, run->deferred, count);
  }
  free(run->threads);
  free(run);
}

static napi_value tsfn_run_start(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3], name, promise;
  int32_t threads, per_thread;
  napi_valuetype type;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 3 || napi_get_value_int32(env, argv[0], &threads) != napi_ok || threads < 1 ||
      napi_get_value_int32(env, argv[1], &per_thread) != napi_ok || per_thread < 0 ||
      napi_typeof(env, argv[2], &type) != napi_ok || type != napi_function) {
    return type_error(env, "tsfnRun(threads, perThread, callback) takes two positive integers and a function");
  }
  tsfn_run *run = calloc(1, sizeof *run);
  if (run == NULL || (run->threads = calloc((size_t)threads, sizeof(pthread_t))) == NULL) {
    free(run);
    return type_error(env, "tsfnRun(): out of memory");
  }
  run->per_thread = per_thread;
  CHECK(napi_create_promise(env, &run->deferred, &promise));
  CHECK(napi_create_string_latin1(env, "baseline tsfn", NAPI_AUTO_LENGTH, &name));
  if (napi_create_threadsafe_function(env, argv[2], NULL, name, 0, (size_t)threads, run, tsfn_finalize, run,
                                      tsfn_call_js, &run->tsfn) != napi_ok) {
    free(run->threads);
    free(run);
    napi_throw_error(env, NULL, "baseline: napi_create_threadsafe_function failed");
    return NULL;
  }
  // A thread that fails to start gives up its share of the count, so the function is still
  // finalized (and the promise resolved) once the threads that did start are done.
  int started = 0;
  for (int i = 0; i < threads; i++) {
    if (pthread_create(&run->threads[started], NULL, tsfn_producer, run) == 0) {
      started++;
    } else {
      napi_release_threadsafe_function(run->tsfn, napi_tsfn_release);
    }
  }
  run->thread_count = started;
  return promise;
}

// asyncRun(count): count async works with an empty execute; resolves once all completed.
typedef struct {
  napi_deferred deferred;
  int32_t remaining;
  int32_t count;
} async_run;

typedef struct {
  napi_async_work work;
  async_run *run;
} async_item;

static void async_execute(napi_env env, void *data) {
  (void)env;
  (void)data;
}

static void async_complete(napi_env env, napi_status status, void *data) {
  (void)status;
  async_item *item = data;
  async_run *run = item->run;
  napi_delete_async_work(env, item->work);
  free(item);
  if (--run->remaining == 0) {
    napi_value count;
    napi_create_int32(env, run->count, &count);
    napi_resolve_deferred(env, run->deferred, count);
    free(run);
  }
}

static napi_value async_run_start(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], name, promise;
  int32_t count;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 1 || napi_get_value_int32(env, argv[0], &count) != napi_ok || count < 1) {
    return type_error(env, "asyncRun(count) takes a positive integer");
  }
  async_run *run = calloc(1, sizeof *run);
  if (run == NULL) return type_error(env, "asyncRun(): out of memory");
  run->remaining = count;
  run->count = count;
  CHECK(napi_create_promise(env, &run->deferred, &promise));
  CHECK(napi_create_string_latin1(env, "baseline async", NAPI_AUTO_LENGTH, &name));
  for (int32_t i = 0; i < count; i++) {
    async_item *item = malloc(sizeof *item);
    if (item == NULL) return type_error(env, "asyncRun(): out of memory");
    item->run = run;
    CHECK(napi_create_async_work(env, NULL, name, async_execute, async_complete, item, &item->work));
    CHECK(napi_queue_async_work(env, item->work));
  }
  return promise;
}

// A class whose instances wrap native state (napi_wrap), as node-addon-api's ObjectWrap does:
// new Counter(start) and counter.plus(n), which returns start + n.
static void counter_free(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  free(data);
}

static napi_value counter_new(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], self;
  double start;
  CHECK(napi_get_cb_info(env, info, &argc, argv, &self, NULL));
  if (argc < 1 || napi_get_value_double(env, argv[0], &start) != napi_ok) {
    return type_error(env, "new Counter(start) takes a number");
  }
  double *state = malloc(sizeof *state);
  if (state == NULL) return type_error(env, "Counter: out of memory");
  *state = start;
  if (napi_wrap(env, self, state, counter_free, NULL, NULL) != napi_ok) {
    free(state);
    return type_error(env, "Counter: napi_wrap failed");
  }
  return self;
}

static napi_value counter_plus(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], self, result;
  double *state, n;
  CHECK(napi_get_cb_info(env, info, &argc, argv, &self, NULL));
  if (napi_unwrap(env, self, (void **)&state) != napi_ok) return type_error(env, "plus(): this is not a Counter");
  if (argc < 1 || napi_get_value_double(env, argv[0], &n) != napi_ok) return type_error(env, "plus(n) takes a number");
  CHECK(napi_create_double(env, *state + n, &result));
  return result;
}

// Making a Buffer of `size` bytes by copy (from memory the addon holds) and without a copy (over
// memory malloc'd here, reported to V8 and freed by the finalizer), as Operations.bufferCopy and
// Operations.bufferExternal do in Java.
static uint8_t *copy_source;
static size_t copy_source_size;

static bool buffer_size(napi_env env, napi_callback_info info, size_t *size) {
  size_t argc = 1;
  napi_value argv[1];
  int64_t value;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1 ||
      napi_get_value_int64(env, argv[0], &value) != napi_ok || value < 0) {
    return false;
  }
  *size = (size_t)value;
  return true;
}

static napi_value buffer_copy(napi_env env, napi_callback_info info) {
  size_t size;
  napi_value result;
  if (!buffer_size(env, info, &size)) return type_error(env, "bufferCopy(size) takes a size");
  if (size > copy_source_size) {
    uint8_t *bigger = realloc(copy_source, size);
    if (bigger == NULL) return type_error(env, "bufferCopy(): out of memory");
    memset(bigger, 1, size);
    copy_source = bigger;
    copy_source_size = size;
  }
  // napi_create_buffer and a memcpy, as JsBuffer.copyOf does: napi_create_buffer_copy frees
  // its memory through a finalizer that waits for the event loop, and measured several times slower.
  void *data;
  CHECK(napi_create_buffer(env, size, &data, &result));
  memcpy(data, copy_source, size);
  return result;
}

static void buffer_external_free(napi_env env, void *data, void *hint) {
  int64_t adjusted;
  napi_adjust_external_memory(env, -(int64_t)(uintptr_t)hint, &adjusted);
  free(data);
}

static napi_value buffer_external(napi_env env, napi_callback_info info) {
  size_t size;
  int64_t adjusted;
  napi_value result;
  if (!buffer_size(env, info, &size)) return type_error(env, "bufferExternal(size) takes a size");
  void *data = malloc(size == 0 ? 1 : size);
  if (data == NULL) return type_error(env, "bufferExternal(): out of memory");
  if (napi_create_external_buffer(env, size, data, buffer_external_free, (void *)(uintptr_t)size, &result) != napi_ok) {
    free(data);
    napi_throw_error(env, NULL, "baseline: napi_create_external_buffer failed");
    return NULL;
  }
  CHECK(napi_adjust_external_memory(env, (int64_t)size, &adjusted));
  return result;
}

NAPI_MODULE_INIT() {
  napi_property_descriptor properties[] = {
      {"noop", NULL, noop, NULL, NULL, NULL, napi_default, NULL},
      {"add", NULL, add, NULL, NULL, NULL, napi_default, NULL},
      {"echo", NULL, echo, NULL, NULL, NULL, napi_default, NULL},
      {"callback", NULL, callback, NULL, NULL, NULL, napi_default, NULL},
      {"objectCreate", NULL, object_create, NULL, NULL, NULL, napi_default, NULL},
      {"objectRead", NULL, object_read, NULL, NULL, NULL, napi_default, NULL},
      {"f64Sum", NULL, f64_sum, NULL, NULL, NULL, napi_default, NULL},
      {"tsfnRun", NULL, tsfn_run_start, NULL, NULL, NULL, napi_default, NULL},
      {"asyncRun", NULL, async_run_start, NULL, NULL, NULL, napi_default, NULL},
      {"bufferCopy", NULL, buffer_copy, NULL, NULL, NULL, napi_default, NULL},
      {"bufferExternal", NULL, buffer_external, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, sizeof properties / sizeof properties[0], properties);
  napi_property_descriptor counter_members[] = {
      {"plus", NULL, counter_plus, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_value counter_class;
  if (napi_define_class(env, "Counter", NAPI_AUTO_LENGTH, counter_new, NULL, 1, counter_members, &counter_class) == napi_ok) {
    napi_set_named_property(env, exports, "Counter", counter_class);
  }
  return exports;
}
