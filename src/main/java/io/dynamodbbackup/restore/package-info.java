/**
 * The restore job: locate a backup, prepare the target table (create it as recorded, or check its
 * keys and emptiness), then stream items from one reader through a bounded queue to parallel batch
 * writers; items DynamoDB refuses go to a reject file.
 */
package io.dynamodbbackup.restore;
