/**
 * The manifest written beside every complete backup, the table schema it captures, and the layout
 * of keys in the bucket. Plain records with no AWS dependency.
 */
package io.dynamodbbackup.manifest;
