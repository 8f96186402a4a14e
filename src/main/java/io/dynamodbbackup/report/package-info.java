/**
 * Progress and log events, to the console or to CloudWatch Logs. Losing a log line never fails a
 * job.
 */
package io.dynamodbbackup.report;
