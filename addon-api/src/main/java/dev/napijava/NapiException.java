package dev.napijava;

/**
 * A Node-API call failed with a status other than a pending JS exception: for example
 * {@link Status#CLOSING} when the env is being torn down, or {@link Status#QUEUE_FULL}.
 *
 * <p>Thread: any thread may catch and read it.
 */
public class NapiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final Status status;

  /** A failure with this status and message. Thread: any thread. */
  public NapiException(Status status, String message) {
    super(status + ": " + message);
    this.status = status;
  }

  /** The Node-API status. Thread: any thread. */
  public Status status() {
    return status;
  }
}
