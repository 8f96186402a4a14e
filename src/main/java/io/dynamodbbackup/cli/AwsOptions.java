package io.dynamodbbackup.cli;

import io.dynamodbbackup.store.S3Dialect;
import java.net.URI;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options shared by every command: where AWS is, who we are, where logs go. */
final class AwsOptions {

  @Option(
      names = {"-r", "--region"},
      paramLabel = "REGION",
      description = "Region for AWS API calls (default: $AWS_REGION, then the SDK's region chain).")
  String region;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description = "Named profile from the AWS config files (default: $AWS_PROFILE).")
  String profile;

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description =
          "Endpoint for every AWS service, e.g. a local DynamoDB-compatible engine"
              + " (default: $AWS_ENDPOINT_URL).")
  URI endpointUrl;

  @Option(
      names = "--dynamodb-endpoint",
      paramLabel = "URL",
      description = "Endpoint for DynamoDB (default: $AWS_ENDPOINT_URL_DYNAMODB).")
  URI dynamodbEndpoint;

  @Option(
      names = "--s3-endpoint",
      paramLabel = "URL",
      description = "Endpoint for S3 (default: $AWS_ENDPOINT_URL_S3).")
  URI s3Endpoint;

  @Option(
      names = "--logs-endpoint",
      paramLabel = "URL",
      description = "Endpoint for CloudWatch Logs (default: $AWS_ENDPOINT_URL_CLOUDWATCH_LOGS).")
  URI logsEndpoint;

  @Option(
      names = "--sts-endpoint",
      paramLabel = "URL",
      description = "Endpoint for STS, which --role-arn calls (default: $AWS_ENDPOINT_URL_STS).")
  URI stsEndpoint;

  @Option(
      names = "--role-arn",
      paramLabel = "ARN",
      description =
          "Assume this role for DynamoDB (e.g. in the account that owns the tables), with the"
              + " credentials the tool has; refreshed before it expires (default:"
              + " $DYNAMODB_ROLE_ARN).")
  String roleArn;

  @Option(
      names = "--external-id",
      paramLabel = "ID",
      description =
          "External ID the role of --role-arn requires in its trust policy (default:"
              + " $DYNAMODB_ROLE_EXTERNAL_ID).")
  String externalId;

  @Option(
      names = "--role-session-name",
      paramLabel = "NAME",
      defaultValue = "dynamodb-backup",
      description =
          "Session name of the assumed roles, as CloudTrail shows it (default: dynamodb-backup).")
  String roleSessionName;

  @Option(
      names = "--s3-role-arn",
      paramLabel = "ARN",
      description =
          "Assume this role for S3 (the bucket), with the credentials the tool has (default:"
              + " $S3_ROLE_ARN).")
  String s3RoleArn;

  @Option(
      names = "--s3-path-style",
      description =
          "Path-style S3 addressing; on by default for an S3 endpoint outside amazonaws.com, as"
              + " S3-compatible servers need it.")
  boolean s3PathStyle;

  @Option(
      names = {"-l", "--log-group"},
      paramLabel = "GROUP",
      description =
          "CloudWatch Logs group to receive log lines (default: $CLOUDWATCH_LOG_GROUP). Used"
              + " with --log-stream; otherwise the log goes to the console.")
  String logGroup;

  @Option(
      names = {"-s", "--log-stream"},
      paramLabel = "STREAM",
      description = "CloudWatch Logs stream (default: $CLOUDWATCH_LOG_STREAM).")
  String logStream;

  @Option(
      names = "--max-retry-time",
      paramLabel = "DURATION",
      defaultValue = "PT30M",
      converter = DurationConverter.class,
      description =
          "How long one call may keep failing with throttling or transient errors before the job"
              + " gives up, e.g. 30m, 90s, 1h (default: 30m).")
  Duration maxRetryTime;

  URI dynamodbEndpoint() {
    return dynamodbEndpoint != null ? dynamodbEndpoint : endpointUrl;
  }

  URI s3Endpoint() {
    return s3Endpoint != null ? s3Endpoint : endpointUrl;
  }

  boolean s3PathStyle() {
    return s3PathStyle || s3Dialect() == S3Dialect.COMPATIBLE;
  }

  /** Amazon S3 unless an endpoint outside AWS is given. */
  S3Dialect s3Dialect() {
    URI endpoint = s3Endpoint();
    boolean aws =
        endpoint == null
            || (endpoint.getHost() != null
                && (endpoint.getHost().endsWith(".amazonaws.com")
                    || endpoint.getHost().endsWith(".amazonaws.com.cn")));
    return aws ? S3Dialect.AWS : S3Dialect.COMPATIBLE;
  }

  URI logsEndpoint() {
    return logsEndpoint != null ? logsEndpoint : endpointUrl;
  }

  URI stsEndpoint() {
    return stsEndpoint != null ? stsEndpoint : endpointUrl;
  }
}
