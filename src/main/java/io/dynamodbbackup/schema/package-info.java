/**
 * What a table is, apart from its items: its schema read from DynamoDB (keys, indexes, capacity,
 * TTL, streams, encryption, tags, PITR), re-created on restore, and compared with a target table.
 */
package io.dynamodbbackup.schema;
