/**
 * Benchmarks that print figures: the tool's backup and restore beside raw DynamoDB calls against
 * the same dynalite, in one run. Not tests: nothing here asserts a speed.
 */
package io.dynamodbbackup.bench;
