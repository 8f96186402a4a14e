package io.dynamodbbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamodbbackup.testing.BackupFiles;
import io.dynamodbbackup.testing.LocalEngines;
import io.dynamodbbackup.testing.LocalEnginesExtension;
import io.dynamodbbackup.testing.TestItems;
import io.dynamodbbackup.testing.TestTables;
import io.dynamodbbackup.testing.ToolRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * A central backup account reads a table in another account through a role, and writes its own
 * bucket through another role. Moto keeps accounts apart: what a role of account 111111111111
 * creates, the test's own credentials (account 123456789012) do not see.
 */
@ExtendWith(LocalEnginesExtension.class)
class CrossAccountIT {

  private static final String APP_ROLE = "arn:aws:iam::111111111111:role/backup-reader";
  private static final String BUCKET_ROLE = "arn:aws:iam::123456789012:role/backup-writer";
  private static final Pattern KEY_ID = Pattern.compile("Credential=([^/]+)/");

  private final LocalEngines engines;

  CrossAccountIT(LocalEngines engines) {
    this.engines = engines;
  }

  @Test
  void roleArn_readsTheTableOfAnotherAccount_s3RoleArn_writesTheBucket() throws Exception {
    String table = engines.uniqueTableName("other-account");
    List<Map<String, AttributeValue>> items = TestItems.everyType(11, 20);
    try (DynamoDbClient app = appAccountDynamo()) {
      TestTables.create(app, table, "pk", ScalarAttributeType.S);
      TestTables.load(app, table, items);
    }
    String bucket = "central-" + table.toLowerCase(Locale.ROOT);
    try (S3Client s3 = motoS3()) {
      s3.createBucket(b -> b.bucket(bucket));
    }
    KeysUsed keys = new KeysUsed();

    ToolRunner.Result withoutRole = onMoto(new ToolRunner(engines), "-t", table, "-b", bucket);
    ToolRunner.Result result =
        onMoto(
            new ToolRunner(engines).intercept(keys).env("AWS_ENDPOINT_URL_STS", moto()),
            "-t",
            table,
            "-b",
            bucket,
            "--role-arn",
            APP_ROLE,
            "--external-id",
            "central-backups",
            "--s3-role-arn",
            BUCKET_ROLE);

    assertThat(withoutRole.exitCode()).as(withoutRole.toString()).isEqualTo(1);
    assertThat(withoutRole.err()).contains("no such table");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    try (S3Client s3 = motoS3()) {
      String dataKey =
          BackupFiles.keys(s3, bucket).stream()
              .filter(k -> !k.endsWith(".manifest.json"))
              .findFirst()
              .orElseThrow();
      assertThat(BackupFiles.items(BackupFiles.get(s3, bucket, dataKey), dataKey))
          .containsExactlyInAnyOrderElementsOf(items);
    }
    assertThat(keys.assumed)
        .containsExactlyInAnyOrder(
            APP_ROLE + " central-backups dynamodb-backup", BUCKET_ROLE + " null dynamodb-backup");
    assertThat(keys.byService).containsOnlyKeys("DynamoDb", "S3", "Sts");
    Set<String> dynamoKeys = keys.byService.get("DynamoDb");
    Set<String> s3Keys = keys.byService.get("S3");
    assertThat(dynamoKeys).hasSize(1).doesNotContain(LocalEngines.ACCESS_KEY);
    assertThat(s3Keys).hasSize(1).doesNotContain(LocalEngines.ACCESS_KEY);
    assertThat(dynamoKeys).doesNotContainAnyElementsOf(s3Keys);
    assertThat(keys.byService.get("Sts")).containsExactly(LocalEngines.ACCESS_KEY);
  }

  private ToolRunner.Result onMoto(ToolRunner tool, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of("--dynamodb-endpoint", moto(), "--s3-endpoint", moto(), "--region", "us-east-1"));
    return tool.run(all.toArray(String[]::new));
  }

  private String moto() {
    return engines.motoEndpoint().toString();
  }

  /** DynamoDB as the application account sees it, through the role the tool will assume. */
  private DynamoDbClient appAccountDynamo() {
    Credentials c;
    try (StsClient sts =
        StsClient.builder()
            .endpointOverride(engines.motoEndpoint())
            .region(engines.region())
            .credentialsProvider(engines.credentials())
            .httpClientBuilder(Apache5HttpClient.builder())
            .build()) {
      c =
          sts.assumeRole(
                  AssumeRoleRequest.builder().roleArn(APP_ROLE).roleSessionName("setup").build())
              .credentials();
    }
    return DynamoDbClient.builder()
        .endpointOverride(engines.motoEndpoint())
        .region(engines.region())
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsSessionCredentials.create(
                    c.accessKeyId(), c.secretAccessKey(), c.sessionToken())))
        .httpClientBuilder(Apache5HttpClient.builder())
        .build();
  }

  private S3Client motoS3() {
    return S3Client.builder()
        .endpointOverride(engines.motoEndpoint())
        .region(engines.region())
        .credentialsProvider(engines.credentials())
        .forcePathStyle(true)
        .httpClientBuilder(Apache5HttpClient.builder())
        .build();
  }

  /** The access key each service's requests were signed with, and the roles STS was asked for. */
  private static final class KeysUsed implements ExecutionInterceptor {
    final Map<String, Set<String>> byService = new ConcurrentHashMap<>();
    final Set<String> assumed = ConcurrentHashMap.newKeySet();

    @Override
    public void beforeTransmission(
        Context.BeforeTransmission context, ExecutionAttributes attributes) {
      String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
      context
          .httpRequest()
          .firstMatchingHeader("Authorization")
          .map(KEY_ID::matcher)
          .filter(Matcher::find)
          .ifPresent(
              m ->
                  byService
                      .computeIfAbsent(service, s -> ConcurrentHashMap.newKeySet())
                      .add(m.group(1)));
      if (context.request() instanceof AssumeRoleRequest r) {
        assumed.add(r.roleArn() + " " + r.externalId() + " " + r.roleSessionName());
      }
    }
  }
}
