/**
 * Item codecs: typed DynamoDB JSON, the original tool's CSV line (quoted JSON or Base64), AWS
 * Export-to-S3 lines, and the compressions a backup file may use. Byte-exact; specified in {@code
 * docs/FORMATS.md}.
 */
package io.dynamodbbackup.format;
