package io.dynamodbbackup.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamodbbackup.manifest.Manifest;
import io.dynamodbbackup.testing.BackupFiles;
import io.dynamodbbackup.testing.LocalEngines;
import io.dynamodbbackup.testing.LocalEnginesExtension;
import io.dynamodbbackup.testing.TestItems;
import io.dynamodbbackup.testing.TestTables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The container's contract: the image runs the main class with no arguments, so the environment
 * alone (the original tool's variables, plus the SDK's standard endpoint variables here to reach
 * the local engines) must configure a complete backup.
 */
@ExtendWith(LocalEnginesExtension.class)
class ContainerContractIT {

  @Test
  void jarWithNoArguments_backsUpTheTableNamedByTheEnvironment(LocalEngines engines)
      throws Exception {
    String table = engines.uniqueTableName("env-only");
    String bucket = engines.createBucket();
    List<Map<String, AttributeValue>> items;
    try (DynamoDbClient dynamo = engines.dynamo()) {
      TestTables.create(dynamo, table, "pk", ScalarAttributeType.S);
      TestTables.load(dynamo, table, TestItems.everyType(9, 120));
      items = TestTables.scanAll(dynamo, table);
    }
    Path jar = Path.of(System.getProperty("tool.jar", "target/dynamodb-backup.jar"));
    ProcessBuilder image =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:MaxRAMPercentage=75",
                "-cp",
                jar.toString(),
                "io.dynamodbbackup.cli.Main")
            .redirectErrorStream(true);
    Map<String, String> env = image.environment();
    env.clear();
    env.put("TABLE_NAME", table);
    env.put("BACKUP_FILE_BUCKET", bucket);
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ACCESS_KEY_ID", LocalEngines.ACCESS_KEY);
    env.put("AWS_SECRET_ACCESS_KEY", LocalEngines.SECRET_KEY);
    env.put("AWS_ENDPOINT_URL_DYNAMODB", engines.dynamoEndpoint().toString());
    env.put("AWS_ENDPOINT_URL_S3", engines.s3Endpoint().toString());

    Process process = image.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("backed up 120 items");
    try (S3Client s3 = engines.s3()) {
      String dataKey =
          BackupFiles.keys(s3, bucket).stream()
              .filter(k -> !k.endsWith(".manifest.json"))
              .findFirst()
              .orElseThrow();
      assertThat(dataKey).startsWith(table + "/" + table + "_").endsWith(".csv");
      assertThat(BackupFiles.items(BackupFiles.get(s3, bucket, dataKey), dataKey))
          .containsExactlyInAnyOrderElementsOf(items);
      Manifest manifest = BackupFiles.manifest(s3, bucket, dataKey);
      assertThat(manifest.itemCount()).isEqualTo(120);
    }
  }
}
