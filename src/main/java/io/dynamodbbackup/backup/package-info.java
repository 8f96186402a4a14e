/**
 * The backup job: scan a table in parallel segments, encode and compress each page while scanning,
 * stream the bytes to a destination, then write the manifest that marks the object complete.
 */
package io.dynamodbbackup.backup;
