package io.dynamodbbackup.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamodbbackup.testing.BackupFiles;
import io.dynamodbbackup.testing.LocalEngines;
import io.dynamodbbackup.testing.LocalEnginesExtension;
import io.dynamodbbackup.testing.TestItems;
import io.dynamodbbackup.testing.TestTables;
import io.dynamodbbackup.testing.ToolRunner;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code verify --quick} compares the store's report on the object with the manifest. */
@ExtendWith(LocalEnginesExtension.class)
class QuickVerifyIT {

  private final LocalEngines engines;

  QuickVerifyIT(LocalEngines engines) {
    this.engines = engines;
  }

  @Test
  void quick_passesOnAFreshBackup_namingWhatTheStoreConfirmed() {
    Stored b = backup("quick-ok");

    ToolRunner.Result result = new ToolRunner(engines).runLocal("verify", b.uri(), "--quick");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("verified " + b.uri() + " (quick): size, ETag as the manifest records");
  }

  @Test
  void quick_failsWhenTheObjectWasReplacedBySameSizedBytes_namingTheEtag() {
    Stored b = backup("quick-swapped");
    try (S3Client s3 = engines.s3()) {
      byte[] stored = BackupFiles.get(s3, b.bucket(), b.key());
      byte[] other = Arrays.copyOf(stored, stored.length);
      other[other.length / 2] ^= 1;
      s3.putObject(r -> r.bucket(b.bucket()).key(b.key()), RequestBody.fromBytes(other));
    }

    ToolRunner.Result result = new ToolRunner(engines).runLocal("verify", b.uri(), "--quick");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err()).contains("verify failed: ETag: the manifest records");
  }

  @Test
  void quick_failsWhenTheObjectWasTruncated_namingTheSize() {
    Stored b = backup("quick-short");
    try (S3Client s3 = engines.s3()) {
      byte[] stored = BackupFiles.get(s3, b.bucket(), b.key());
      s3.putObject(
          r -> r.bucket(b.bucket()).key(b.key()),
          RequestBody.fromBytes(Arrays.copyOf(stored, stored.length - 1)));
    }

    ToolRunner.Result result = new ToolRunner(engines).runLocal("verify", b.uri(), "--quick");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err()).contains("verify failed: size: the manifest records");
  }

  private record Stored(String bucket, String key) {
    String uri() {
      return "s3://" + bucket + "/" + key;
    }
  }

  private Stored backup(String hint) {
    String table = engines.uniqueTableName(hint);
    try (DynamoDbClient dynamo = engines.dynamo()) {
      TestTables.create(dynamo, table, "pk", ScalarAttributeType.S);
      TestTables.load(dynamo, table, TestItems.everyType(5, 40));
    }
    String bucket = engines.createBucket();
    ToolRunner.Result result = new ToolRunner(engines).runLocal("-t", table, "-b", bucket);
    assertThat(result.exitCode()).as(result.toString()).isZero();
    try (S3Client s3 = engines.s3()) {
      String key =
          BackupFiles.keys(s3, bucket).stream()
              .filter(k -> !k.endsWith(".manifest.json"))
              .findFirst()
              .orElseThrow();
      return new Stored(bucket, key);
    }
  }
}
