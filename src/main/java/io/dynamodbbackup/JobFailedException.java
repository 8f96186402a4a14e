package io.dynamodbbackup;

/** A job failed; the message says what failed and where, in one line a person can act on. */
public final class JobFailedException extends RuntimeException {

  public JobFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  /** What went wrong in {@code e}, for the end of such a line: its message, or its type. */
  public static String reason(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
