package dev.napijava;

/**
 * A Node-API status code ({@code napi_status}).
 *
 * <p>Thread: any thread.
 */
public enum Status {
  OK, INVALID_ARG, OBJECT_EXPECTED, STRING_EXPECTED, NAME_EXPECTED, FUNCTION_EXPECTED,
  NUMBER_EXPECTED, BOOLEAN_EXPECTED, ARRAY_EXPECTED, GENERIC_FAILURE, PENDING_EXCEPTION,
  CANCELLED, ESCAPE_CALLED_TWICE, HANDLE_SCOPE_MISMATCH, CALLBACK_SCOPE_MISMATCH, QUEUE_FULL,
  CLOSING, BIGINT_EXPECTED, DATE_EXPECTED, ARRAYBUFFER_EXPECTED, DETACHABLE_ARRAYBUFFER_EXPECTED,
  WOULD_DEADLOCK, NO_EXTERNAL_BUFFERS_ALLOWED, CANNOT_RUN_JS, UNKNOWN;

  private static final Status[] BY_CODE = values();

  /** The status of a {@code napi_status} code. Thread: any thread. */
  public static Status of(int code) {
    return code >= 0 && code < BY_CODE.length - 1 ? BY_CODE[code] : UNKNOWN;
  }

  /** The {@code napi_status} code of this status. Thread: any thread. */
  public int code() {
    return this == UNKNOWN ? -1 : ordinal();
  }
}
