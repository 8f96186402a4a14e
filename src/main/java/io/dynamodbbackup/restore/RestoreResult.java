package io.dynamodbbackup.restore;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * What a finished restore wrote. Rejected items are partial success reported as data: the job
 * completed, and the command exits 1 so that nobody mistakes it for a full restore.
 *
 * @param table the table written into
 * @param source the backup read, as a URI
 * @param rejectFile where the rejected items are, or null when there were none
 * @param consumedWriteCapacity write capacity units DynamoDB reported consumed
 * @param retries calls retried after throttling, faults or unprocessed items
 * @param restoredTo the moment the table now holds, for an export or a chain of exports; else null
 */
public record RestoreResult(
    String table,
    String source,
    long items,
    long rejected,
    Path rejectFile,
    Duration duration,
    double consumedWriteCapacity,
    long retries,
    Instant restoredTo) {}
