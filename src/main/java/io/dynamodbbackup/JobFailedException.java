package io.dynamodbbackup;

/** A job failed; the message says what failed and where, in one line a person can act on. */
public final class JobFailedException extends RuntimeException {

  public JobFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
