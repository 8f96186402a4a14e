package io.dynamodbbackup.store;

import java.io.IOException;

/** A place backups are written to: an S3 bucket or a local folder. */
public interface Destination {

  /** Fails fast, before any scanning, when the destination is missing or cannot be written. */
  void checkWritable() throws IOException;

  /** Opens the data object at {@code key}; it becomes visible only on completion. */
  default ObjectSink openObject(String key, String contentType) throws IOException {
    return openObject(key, contentType, Upload.NONE, UploadListener.NONE);
  }

  /**
   * Opens the data object at {@code key} to go on after the parts {@code stored} holds (none for a
   * new object), telling {@code listener} what the store confirms.
   */
  ObjectSink openObject(String key, String contentType, Upload stored, UploadListener listener)
      throws IOException;

  /** Reads what this destination holds: objects, and the states of interrupted backups. */
  ObjectSource source();

  /** Writes a small object in one request, such as a manifest, and returns what was stored. */
  default StoredObject put(String key, byte[] bytes, String contentType) throws IOException {
    ObjectSink sink = openObject(key, contentType);
    sink.writePart(1, bytes, bytes.length);
    return sink.complete(bytes.length);
  }

  /** Whether an object is stored at {@code key}; a new backup never writes over one. */
  boolean exists(String key) throws IOException;

  /** Removes an object, if present, and any unfinished write of it left by a killed run. */
  void delete(String key) throws IOException;

  /** A URI a person can paste, such as {@code s3://bucket/key} or a file path. */
  String uri(String key);
}
