package io.dynamodbbackup.store;

import java.time.Instant;

/**
 * A write that never finished: an S3 multipart upload neither completed nor aborted (a process
 * killed mid-backup leaves one), a folder's {@code .partial} file, or the checkpoint of a restore
 * that was never resumed.
 *
 * @param key the key the object would have had
 * @param id the upload id, {@link #PARTIAL_FILE} for a file, or {@link #RESTORE_CHECKPOINT} for an
 *     interrupted restore's checkpoint (whose key is the source's)
 * @param started when the write began
 */
public record UnfinishedWrite(String key, String id, Instant started) {

  public static final String PARTIAL_FILE = "partial";
  public static final String RESTORE_CHECKPOINT = "restore checkpoint";
}
