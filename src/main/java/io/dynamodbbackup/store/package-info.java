/**
 * Where a backup's bytes go and come from: a local file or an S3 streaming multipart upload. Counts
 * and checksums are taken while the bytes stream past.
 */
package io.dynamodbbackup.store;
