package io.dynamodbbackup.retry;

/** Work stopped because its thread was interrupted, normally because another part failed. */
public final class CancelledException extends RuntimeException {

  public CancelledException(String message, Throwable cause) {
    super(message, cause);
  }
}
