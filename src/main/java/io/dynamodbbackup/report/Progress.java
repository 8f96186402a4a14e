package io.dynamodbbackup.report;

/**
 * How far a job has come.
 *
 * @param items items read or written so far
 * @param bytes bytes written or read so far
 * @param capacityUnits capacity units consumed so far
 */
public record Progress(long items, long bytes, double capacityUnits) {}
