/**
 * The quick start: a real backup (and restore) of a sample table held in a local dynalite, run
 * through the built jar exactly as a user runs it, with no AWS account.
 */
package io.dynamodbbackup.demo;
