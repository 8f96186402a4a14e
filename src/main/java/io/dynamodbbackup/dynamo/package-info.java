/**
 * Talking to DynamoDB: the parallel scan, the batch writer, item lookups by key, the read and write
 * capacity limiters that pace them, and the long-running Export to S3 and Import from S3 tasks.
 */
package io.dynamodbbackup.dynamo;
