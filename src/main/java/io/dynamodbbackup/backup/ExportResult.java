package io.dynamodbbackup.backup;

import java.time.Duration;
import java.time.Instant;

/**
 * What one completed export wrote.
 *
 * @param uri the export's folder
 * @param manifestUri this tool's manifest in it
 * @param exportArn AWS's name for the export
 * @param incremental whether it exported the changes of a window rather than the whole table
 * @param from an incremental export's window start, else null
 * @param to the moment exported: a full export's point in time, an incremental one's window end
 * @param items the items (or change records) AWS counted, or null where it gave no count
 * @param files the data files AWS wrote
 * @param verified whether the files were checked against AWS's manifest
 * @param alreadyDone whether this export was found complete from an earlier run, not started now
 */
public record ExportResult(
    String uri,
    String manifestUri,
    String exportArn,
    boolean incremental,
    Instant from,
    Instant to,
    Long items,
    long bytes,
    int files,
    boolean verified,
    boolean alreadyDone,
    Duration duration) {}
