/**
 * Talking to DynamoDB: the parallel scan, the batch writer, the read and write capacity limiters,
 * retries with capped exponential backoff, and the capture of a table's schema.
 */
package io.dynamodbbackup.dynamo;
