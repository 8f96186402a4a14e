package io.dynamodbbackup.store;

/**
 * Told what an object's store has confirmed, so that a checkpoint can record it. Called on the
 * upload threads: fast, never throws, no I/O.
 */
public interface UploadListener {

  /** Does nothing. */
  UploadListener NONE = new UploadListener() {};

  /** A multipart upload was created. */
  default void started(String uploadId) {}

  /** The store confirmed holding {@code part}. */
  default void stored(StoredPart part) {}
}
