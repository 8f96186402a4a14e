package io.dynamodbbackup.dynamo;

/**
 * What a finished scan read.
 *
 * @param items the number of items read
 * @param pages the number of Scan responses
 * @param consumedCapacity read capacity units that DynamoDB reported consumed
 */
public record ScanResult(long items, long pages, double consumedCapacity) {}
