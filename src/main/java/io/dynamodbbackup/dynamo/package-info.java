/**
 * Talking to DynamoDB: the parallel scan, the batch writer, item lookups by key, and the read and
 * write capacity limiters that pace them.
 */
package io.dynamodbbackup.dynamo;
