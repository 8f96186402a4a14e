/**
 * The manifest written beside every complete backup and the layout of keys in the bucket. Plain
 * records with no AWS dependency; the table schema a manifest records comes from {@code schema}.
 */
package io.dynamodbbackup.manifest;
