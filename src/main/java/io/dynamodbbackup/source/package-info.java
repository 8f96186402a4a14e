/**
 * Finding and reading any backup: this tool's objects with their manifests, the original tool's
 * files and dynamo-backup-to-s3's (one item a line), AWS Export to S3 folders, and dynamodump table
 * folders. Restore and verify both read through here, so they agree on what a backup holds.
 */
package io.dynamodbbackup.source;
