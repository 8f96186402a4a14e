/**
 * The test harness of real engines: dynalite for DynamoDB, an in-process S3Proxy and s3rver for S3
 * (see {@link io.dynamodbbackup.testing.S3Store}) and moto for CloudWatch Logs and the DynamoDB
 * calls dynalite lacks, each on a free loopback port, started once per test JVM and stopped at its
 * end. Faults are injected through SDK interceptors at the HTTP layer so that the SDK's own error
 * parsing runs; nothing here mocks an SDK client.
 */
package io.dynamodbbackup.testing;
