package io.dynamodbbackup.manifest;

/** A manifest that cannot be read, or that does not describe the data it sits beside. */
public final class InvalidManifestException extends Exception {

  public InvalidManifestException(String message, Throwable cause) {
    super(message, cause);
  }
}
