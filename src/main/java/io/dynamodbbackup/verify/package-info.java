/**
 * The verify job: re-read a backup and check its digest, its count and every line against the
 * manifest; optionally compare it with the live table, by count or item by item.
 */
package io.dynamodbbackup.verify;
