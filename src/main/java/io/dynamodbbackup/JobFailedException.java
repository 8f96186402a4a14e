package io.dynamodbbackup;

import io.dynamodbbackup.retry.Faults;

/** A job failed; the message says what failed and where, in one line a person can act on. */
public final class JobFailedException extends RuntimeException {

  public JobFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * What went wrong in {@code e}, for the end of such a line: its message, or its type. An endpoint
   * that cannot be reached is named by the cause that says which.
   */
  public static String reason(Throwable e) {
    if (Faults.isUnreachable(e)) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      return "cannot reach the endpoint: " + root;
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
