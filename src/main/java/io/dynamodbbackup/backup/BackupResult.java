package io.dynamodbbackup.backup;

import java.time.Duration;

/**
 * What a completed backup wrote.
 *
 * @param uri the data object
 * @param manifestUri the manifest beside it
 * @param consumedReadCapacity read capacity units consumed by the scan
 * @param retries calls retried after throttling or transient faults
 */
public record BackupResult(
    String uri,
    String manifestUri,
    long items,
    long bytes,
    String sha256,
    Duration duration,
    int segments,
    double consumedReadCapacity,
    long retries) {}
