/**
 * Bounded concurrency shared by the jobs and the mechanisms: a fixed pool on which the first
 * failure cancels every other task.
 */
package io.dynamodbbackup.concurrent;
