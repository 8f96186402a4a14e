/**
 * The backup job: scan a table in parallel segments, encode and compress each page while scanning,
 * stream the bytes to a destination, then write the manifest that marks the object complete. Or,
 * with the export engine, drive AWS Export to S3 (full, or incremental links of a chain) and write
 * the manifest AWS leaves out beside the export.
 */
package io.dynamodbbackup.backup;
