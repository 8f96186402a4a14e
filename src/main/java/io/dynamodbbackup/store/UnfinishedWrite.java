package io.dynamodbbackup.store;

import java.time.Instant;

/**
 * A write that never finished: an S3 multipart upload neither completed nor aborted (a process
 * killed mid-backup leaves one), or a folder's {@code .partial} file.
 *
 * @param key the key the object would have had
 * @param id the upload id, or {@code partial} for a file
 * @param started when the write began
 */
public record UnfinishedWrite(String key, String id, Instant started) {}
