package io.dynamodbbackup.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamodbbackup.testing.LocalEngines;
import io.dynamodbbackup.testing.LocalEnginesExtension;
import io.dynamodbbackup.testing.TestItems;
import io.dynamodbbackup.testing.TestTables;
import io.dynamodbbackup.testing.ToolRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** A backup without a recorded schema is checked against the target's keys before any write. */
@ExtendWith(LocalEnginesExtension.class)
class WrongTableIT {

  private final LocalEngines engines;

  WrongTableIT(LocalEngines engines) {
    this.engines = engines;
  }

  @Test
  void fileWithoutSchema_intoATableWithOtherKeys_isRefusedBeforeAnyWrite(@TempDir Path dir)
      throws Exception {
    String source = engines.uniqueTableName("keys-pk");
    String target = engines.uniqueTableName("keys-other");
    try (DynamoDbClient dynamo = engines.dynamo()) {
      TestTables.create(dynamo, source, "pk", ScalarAttributeType.S);
      TestTables.load(dynamo, source, TestItems.everyType(31, 60));
      TestTables.create(dynamo, target, "order_id", ScalarAttributeType.N);
    }
    Path dataFile = backupToFolder(source, dir);
    // Without its manifest the file is like the original tool's: no schema to compare.
    Files.delete(dataFile.resolveSibling(dataFile.getFileName() + ".manifest.json"));

    ToolRunner.Result restore =
        new ToolRunner(engines).runLocal("restore", "--file", dataFile.toString(), "-t", target);

    assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(1);
    assertThat(restore.err())
        .contains("refusing to restore")
        .contains("has key schema order_id (N, HASH)")
        .contains("item 1 of the backup has no attribute order_id")
        .contains("pk (S)")
        .contains("nothing was written");
    try (DynamoDbClient dynamo = engines.dynamo()) {
      assertThat(TestTables.scanAll(dynamo, target)).isEmpty();
    }
  }

  @Test
  void restore_neverTakesItsTableFromTableNameVariable(@TempDir Path dir) throws Exception {
    String source = engines.uniqueTableName("env-source");
    String production = engines.uniqueTableName("env-production");
    try (DynamoDbClient dynamo = engines.dynamo()) {
      TestTables.create(dynamo, source, "pk", ScalarAttributeType.S);
      TestTables.load(dynamo, source, TestItems.everyType(32, 20));
      TestTables.create(dynamo, production, "pk", ScalarAttributeType.S);
    }
    Path dataFile = backupToFolder(source, dir);

    ToolRunner.Result restore =
        new ToolRunner(engines)
            .env("TABLE_NAME", production)
            .runLocal("restore", "--file", dataFile.toString());

    // The manifest's table still holds its items, so the restore is refused there.
    assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(1);
    assertThat(restore.err()).contains("table " + source + " already holds items");
    try (DynamoDbClient dynamo = engines.dynamo()) {
      assertThat(TestTables.scanAll(dynamo, production)).isEmpty();
    }
  }

  /** Backs {@code table} up to {@code dir} and returns the data file. */
  private Path backupToFolder(String table, Path dir) throws Exception {
    ToolRunner.Result backup =
        new ToolRunner(engines).runLocal("-t", table, "--output-dir", dir.toString());
    assertThat(backup.exitCode()).as(backup.toString()).isZero();
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".csv")).findFirst().orElseThrow();
    }
  }
}
