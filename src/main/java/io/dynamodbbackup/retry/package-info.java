/**
 * Time and retries shared by every part that talks to AWS: an injectable clock, the backoff policy,
 * and the retrier that tells faults worth retrying (throttling, 5xx, dropped connections) from
 * those that are not.
 */
package io.dynamodbbackup.retry;
