/**
 * Finding and reading any backup: this tool's objects with their manifests, the original tool's
 * files, and AWS Export to S3 folders. Restore and verify both read through here, so they agree on
 * what a backup holds.
 */
package io.dynamodbbackup.source;
