package io.dynamodbbackup.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * A place backups are read from: an S3 bucket or a local folder. A missing object is reported as
 * {@link java.nio.file.NoSuchFileException} carrying the object's URI.
 */
public interface ObjectSource {

  /** Opens the object at {@code key} for streaming; the caller closes the stream. */
  InputStream open(String key) throws IOException;

  /** Whether an object exists at {@code key}. */
  boolean exists(String key) throws IOException;

  /** Reads a small object (a manifest) whole, or empty when there is none at {@code key}. */
  Optional<byte[]> readIfPresent(String key) throws IOException;

  /** What the store reports about the object at {@code key}: its size, ETag and checksum. */
  StoredObject stat(String key) throws IOException;

  /** The size in bytes of the object at {@code key}. */
  default long size(String key) throws IOException {
    return stat(key).bytes();
  }

  /** The keys of the objects directly or indirectly under {@code prefix}, sorted. */
  List<String> list(String prefix) throws IOException;

  /**
   * The writes under {@code prefix} that never finished, oldest first.
   *
   * @throws IOException when the store cannot list them (some S3-compatible stores lack the call)
   */
  List<UnfinishedWrite> unfinished(String prefix) throws IOException;

  /** Discards an unfinished write: aborts the upload, or deletes the file. */
  void discard(UnfinishedWrite write) throws IOException;

  /**
   * Where the backup writing {@code dataKey} keeps its checkpoint while it runs, for a resume: in a
   * bucket under {@code .dynamodb-backup/backup-state/}, in a folder beside the file.
   */
  StateObject backupState(String dataKey);

  /** The data keys under {@code prefix} whose backups left a checkpoint: they can be resumed. */
  List<String> backupStates(String prefix) throws IOException;

  /**
   * Where a restore from {@code sourceKey} keeps its checkpoint while it runs, for a resume: in the
   * bucket under {@code .dynamodb-backup/restore-state/} (the one prefix a restore may write), in a
   * folder beside the file.
   */
  StateObject restoreState(String sourceKey);

  /** The source keys under {@code prefix} whose restores left a checkpoint: they can be resumed. */
  List<String> restoreStates(String prefix) throws IOException;

  /** A URI a person can paste, such as {@code s3://bucket/key} or a file path. */
  String uri(String key);
}
