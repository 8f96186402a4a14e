package io.dynamodbbackup.cli;

import io.dynamodbbackup.dynamo.DynamoDbWire;
import io.dynamodbbackup.dynamo.RawItemsInterceptor;
import io.dynamodbbackup.store.S3Dialect;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.endpoint.DualstackEnabledProvider;
import software.amazon.awssdk.awscore.endpoint.FipsEnabledProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileSystemSetting;
import software.amazon.awssdk.profiles.ProfileProperty;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.utils.SystemSetting;

/**
 * Builds the AWS clients a command needs, and closes them. Every client gets its HTTP client
 * explicitly (a shaded jar cannot be trusted to discover one), and DynamoDB and S3 clients do not
 * retry on their own: the tool's retrier does, with a time budget rather than an attempt count.
 * DynamoDB and S3 may each act as a role assumed through STS ({@code --role-arn}, {@code
 * --s3-role-arn}), so that a central account reads tables in another and writes its own bucket.
 */
final class AwsClients implements AutoCloseable {

  private static final int MAX_CONNECTIONS = 64;

  private final AwsOptions options;
  private final ToolContext context;
  private final Region region;
  private final AwsCredentialsProvider credentials;
  private final List<AutoCloseable> opened = new ArrayList<>();
  private StsClient sts; // built on first use
  private DynamoDbWire wire; // built with the DynamoDB client

  AwsClients(AwsOptions options, ToolContext context) {
    this.options = options;
    this.context = context;
    this.region = resolveRegion(options.region, options.profile);
    this.credentials =
        context.credentials() != null
            ? context.credentials()
            : options.profile != null
                ? ProfileCredentialsProvider.create(options.profile)
                : DefaultCredentialsProvider.builder().build();
  }

  /**
   * The tool's own credentials, or those of {@code roleArn} assumed with them: STS is asked again
   * before the session expires, so a backup longer than the session goes on.
   */
  private AwsCredentialsProvider assuming(String roleArn, String externalId) {
    if (roleArn == null || roleArn.isBlank()) {
      return credentials;
    }
    AssumeRoleRequest request =
        AssumeRoleRequest.builder()
            .roleArn(roleArn)
            .roleSessionName(options.roleSessionName)
            .externalId(externalId == null || externalId.isBlank() ? null : externalId)
            .build();
    return track(
        StsAssumeRoleCredentialsProvider.builder()
            .stsClient(sts())
            .refreshRequest(request)
            .build());
  }

  private StsClient sts() {
    if (sts == null) {
      var builder =
          StsClient.builder()
              .region(region)
              .credentialsProvider(credentials)
              .httpClientBuilder(http())
              .overrideConfiguration(overrides(true));
      if (options.stsEndpoint() != null) {
        builder.endpointOverride(options.stsEndpoint());
      }
      sts = track(builder.build());
    }
    return sts;
  }

  Region region() {
    return region;
  }

  /**
   * The DynamoDB client. Its HTTP client, credentials and endpoint are shared with {@link
   * #dynamoWire()}, which is ready once this has been called.
   */
  DynamoDbClient dynamo() {
    SdkHttpClient http = track(http().build());
    AwsCredentialsProvider provider = assuming(options.roleArn, options.externalId);
    var builder =
        DynamoDbClient.builder()
            .region(region)
            .credentialsProvider(provider)
            .httpClient(http)
            .overrideConfiguration(overrides(false, new RawItemsInterceptor()));
    if (options.dynamodbEndpoint() != null) {
      builder.endpointOverride(options.dynamodbEndpoint());
    }
    DynamoDbClient client = track(builder.build());
    wire =
        new DynamoDbWire(
            http,
            () -> dynamoEndpoint(client),
            region,
            provider,
            context.interceptors(),
            "dynamodb-backup/" + VersionProvider.version());
    return client;
  }

  /** The wire of the last {@link #dynamo()} client. */
  DynamoDbWire dynamoWire() {
    if (wire == null) {
      throw new IllegalStateException("dynamo() builds the wire");
    }
    return wire;
  }

  /**
   * Where the client sends its calls, by the SDK's own endpoint rules: the override, or the
   * region's endpoint with FIPS and dual-stack as the environment and profile ask.
   */
  private URI dynamoEndpoint(DynamoDbClient client) {
    var config = client.serviceClientConfiguration();
    DynamoDbEndpointProvider rules =
        config
            .endpointProvider()
            .filter(DynamoDbEndpointProvider.class::isInstance)
            .map(DynamoDbEndpointProvider.class::cast)
            .orElseGet(DynamoDbEndpointProvider::defaultProvider);
    String profile = options.profile;
    return rules
        .resolveEndpoint(
            p ->
                p.region(region)
                    .endpoint(config.endpointOverride().map(URI::toString).orElse(null))
                    .useFips(
                        FipsEnabledProvider.builder()
                            .profileName(profile)
                            .build()
                            .isFipsEnabled()
                            .orElse(false))
                    .useDualStack(
                        DualstackEnabledProvider.builder()
                            .profileName(profile)
                            .build()
                            .isDualstackEnabled()
                            .orElse(false)))
        .join()
        .endpointUrl()
        .toUri();
  }

  S3Client s3() {
    URI endpoint = options.s3Endpoint();
    var builder =
        S3Client.builder()
            .region(region)
            .credentialsProvider(assuming(options.s3RoleArn, null))
            // S3-compatible servers may never answer Expect: 100-continue, stalling each upload.
            .httpClientBuilder(http().expectContinueEnabled(endpoint == null))
            .forcePathStyle(options.s3PathStyle())
            .overrideConfiguration(overrides(false));
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    if (options.s3Dialect() == S3Dialect.COMPATIBLE) {
      // Many S3-compatible stores keep the aws-chunked framing the SDK streams bodies in over plain
      // HTTP as part of the object, so the SDK signs each whole payload instead; many reject the
      // CRC checksums SDK 2.30+ sends by default, so only where an operation requires one, unless
      // the user chose otherwise. Against AWS the SDK's defaults stand.
      Optional<Profile> profile = ProfileFile.defaultProfileFile().profile(profileName());
      builder
          .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
          .requestChecksumCalculation(
              checksumSetting(
                  SdkSystemSetting.AWS_REQUEST_CHECKSUM_CALCULATION,
                  ProfileProperty.REQUEST_CHECKSUM_CALCULATION,
                  profile,
                  RequestChecksumCalculation::fromValue,
                  RequestChecksumCalculation.WHEN_REQUIRED))
          .responseChecksumValidation(
              checksumSetting(
                  SdkSystemSetting.AWS_RESPONSE_CHECKSUM_VALIDATION,
                  ProfileProperty.RESPONSE_CHECKSUM_VALIDATION,
                  profile,
                  ResponseChecksumValidation::fromValue,
                  ResponseChecksumValidation.WHEN_REQUIRED));
    }
    return track(builder.build());
  }

  /**
   * The user's choice for one of the SDK's checksum settings, looked up where the SDK looks and in
   * its order (system property, environment variable, profile), or {@code fallback} where there is
   * none. The environment is this tool's, so that it is read in one place.
   */
  private <T> T checksumSetting(
      SdkSystemSetting setting,
      String profileProperty,
      Optional<Profile> profile,
      Function<String, T> parse,
      T fallback) {
    String source = "system property " + setting.property();
    String value = System.getProperty(setting.property());
    if (value == null) {
      source = setting.environmentVariable();
      value = context.env().get(source);
    }
    if (value == null && profile.isPresent()) {
      source = profileProperty + " in profile " + profile.get().name();
      value = profile.get().property(profileProperty).orElse(null);
    }
    if (value == null) {
      return fallback;
    }
    try {
      return parse.apply(value.trim());
    } catch (IllegalArgumentException e) {
      throw new BadSettingException(
          source + " is '" + value + "', not one of when_supported, when_required");
    }
  }

  /** The profile the SDK reads settings from: --profile or $AWS_PROFILE, else the SDK's choice. */
  private String profileName() {
    if (options.profile != null) {
      return options.profile;
    }
    SystemSetting setting = ProfileFileSystemSetting.AWS_PROFILE;
    return Optional.ofNullable(System.getProperty(setting.property()))
        .orElseGet(setting::defaultValue);
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
    // In reverse: clients, then the role providers they use, then the STS client those call.
    for (int i = opened.size() - 1; i >= 0; i--) {
      AutoCloseable c = opened.get(i);
      try {
        c.close();
      } catch (Exception e) {
        // Closing idle connections cannot lose data.
      }
    }
  }

  private ClientOverrideConfiguration overrides(boolean sdkRetries) {
    return overrides(sdkRetries, null);
  }

  /**
   * @param first an interceptor ahead of any others: it changes a request's body before they see
   *     it, and (as the SDK calls response hooks in reverse) reads a response after they have
   */
  private ClientOverrideConfiguration overrides(boolean sdkRetries, ExecutionInterceptor first) {
    ClientOverrideConfiguration.Builder b = ClientOverrideConfiguration.builder();
    if (!sdkRetries) {
      b.retryStrategy(AwsRetryStrategy.doNotRetry());
    }
    if (first != null) {
      b.addExecutionInterceptor(first);
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

  /**
   * {@code -r} (or $AWS_REGION), else the SDK's chain, which reads the region of the {@code
   * --profile} profile (or $AWS_PROFILE's) from the config file, as the AWS CLI does.
   */
  private static Region resolveRegion(String option, String profile) {
    if (option != null && !option.isBlank()) {
      return Region.of(option);
    }
    try {
      DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder();
      if (profile != null) {
        chain.profileName(profile);
      }
      return chain.build().getRegion();
    } catch (RuntimeException e) {
      throw new BadSettingException(
          "no AWS region: give -r/--region, set AWS_REGION, or give --profile a profile with a"
              + " region");
    }
  }

  /**
   * No region anywhere, or an SDK setting the SDK would refuse: a usage error, since the fix is an
   * option or a variable.
   */
  static final class BadSettingException extends RuntimeException {
    BadSettingException(String message) {
      super(message);
    }
  }
}
