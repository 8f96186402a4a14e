package io.dynamodbbackup.cli;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds the AWS clients a command needs, and closes them. Every client gets its HTTP client
 * explicitly (a shaded jar cannot be trusted to discover one), and DynamoDB and S3 clients do not
 * retry on their own: the tool's retrier does, with a time budget rather than an attempt count.
 */
final class AwsClients implements AutoCloseable {

  private static final int MAX_CONNECTIONS = 64;

  private final AwsOptions options;
  private final ToolContext context;
  private final Region region;
  private final AwsCredentialsProvider credentials;
  private final List<AutoCloseable> opened = new ArrayList<>();

  AwsClients(AwsOptions options, ToolContext context) {
    this.options = options;
    this.context = context;
    this.region = resolveRegion(options.region);
    this.credentials =
        context.credentials() != null
            ? context.credentials()
            : options.profile != null
                ? ProfileCredentialsProvider.create(options.profile)
                : DefaultCredentialsProvider.builder().build();
  }

  Region region() {
    return region;
  }

  DynamoDbClient dynamo() {
    var builder =
        DynamoDbClient.builder()
            .region(region)
            .credentialsProvider(credentials)
            .httpClientBuilder(http())
            .overrideConfiguration(overrides(false));
    if (options.dynamodbEndpoint() != null) {
      builder.endpointOverride(options.dynamodbEndpoint());
    }
    return track(builder.build());
  }

  S3Client s3() {
    URI endpoint = options.s3Endpoint();
    var builder =
        S3Client.builder()
            .region(region)
            .credentialsProvider(credentials)
            // S3-compatible servers may never answer Expect: 100-continue, stalling each upload.
            .httpClientBuilder(http().expectContinueEnabled(endpoint == null))
            .forcePathStyle(options.s3PathStyle())
            .overrideConfiguration(overrides(false));
    if (endpoint != null) {
      // S3-compatible servers often reject the CRC checksums the SDK sends by default.
      builder
          .endpointOverride(endpoint)
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
    return track(builder.build());
  }

  CloudWatchLogsClient logs() {
    var builder =
        CloudWatchLogsClient.builder()
            .region(region)
            .credentialsProvider(credentials)
            .httpClientBuilder(http())
            .overrideConfiguration(overrides(true));
    if (options.logsEndpoint() != null) {
      builder.endpointOverride(options.logsEndpoint());
    }
    return track(builder.build());
  }

  @Override
  public void close() {
    for (AutoCloseable c : opened) {
      try {
        c.close();
      } catch (Exception e) {
        // Closing idle connections cannot lose data.
      }
    }
  }

  private ClientOverrideConfiguration overrides(boolean sdkRetries) {
    ClientOverrideConfiguration.Builder b = ClientOverrideConfiguration.builder();
    if (!sdkRetries) {
      b.retryStrategy(AwsRetryStrategy.doNotRetry());
    }
    context.interceptors().forEach(b::addExecutionInterceptor);
    return b.build();
  }

  private static Apache5HttpClient.Builder http() {
    return Apache5HttpClient.builder().maxConnections(MAX_CONNECTIONS);
  }

  private <T extends AutoCloseable> T track(T client) {
    opened.add(client);
    return client;
  }

  private static Region resolveRegion(String option) {
    if (option != null && !option.isBlank()) {
      return Region.of(option);
    }
    try {
      return DefaultAwsRegionProviderChain.builder().build().getRegion();
    } catch (RuntimeException e) {
      throw new MissingRegionException();
    }
  }

  /** No region anywhere: a usage error, since the fix is an option or a variable. */
  static final class MissingRegionException extends RuntimeException {
    MissingRegionException() {
      super("no AWS region: give -r/--region or set AWS_REGION");
    }
  }
}
