package io.dynamodbbackup.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamodbbackup.manifest.ExportKey;
import io.dynamodbbackup.manifest.ExportManifest;
import io.dynamodbbackup.manifest.ManifestJson;
import io.dynamodbbackup.testing.AwsExportFixture.Change;
import io.dynamodbbackup.testing.BackupFiles;
import io.dynamodbbackup.testing.ExportChainBuilder;
import io.dynamodbbackup.testing.ExportTables;
import io.dynamodbbackup.testing.LocalEngines;
import io.dynamodbbackup.testing.LocalEnginesExtension;
import io.dynamodbbackup.testing.LogLines;
import io.dynamodbbackup.testing.RequestRecorder;
import io.dynamodbbackup.testing.SettableClock;
import io.dynamodbbackup.testing.TestItems;
import io.dynamodbbackup.testing.TestTables;
import io.dynamodbbackup.testing.ToolRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ExportTableToPointInTimeRequest;
import software.amazon.awssdk.services.dynamodb.model.ExportType;
import software.amazon.awssdk.services.dynamodb.model.ExportViewType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Incremental backups as chains: {@code backup --engine export --incremental} run three times (a
 * full export first, then two links of a day's changes), with DescribeExport from moto pointed at
 * exports laid out as AWS documents them in S3Proxy, each incremental record in AWS's format; then
 * the chain restored, verified and listed. Window arithmetic against moto alone.
 */
@ExtendWith(LocalEnginesExtension.class)
class ExportChainIT {

  private static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");
  private static final Instant T1 = T0.plus(Duration.ofHours(20));
  private static final Instant T2 = T1.plus(Duration.ofHours(20));

  private final LocalEngines engines;
  private final DynamoDbClient moto;
  private final S3Client s3;

  ExportChainIT(LocalEngines engines) {
    this.engines = engines;
    this.moto = engines.motoDynamo();
    this.s3 = engines.s3();
  }

  @Test
  void chainOfTwoIncrementals_withUpdatesAndDeletes_restoresIntoAnExistingTableItemForItem()
      throws Exception {
    Chain chain = chain("chain");
    String link2 = "s3://" + chain.bucket + "/" + new ExportKey("", chain.table, T2).folder();

    ToolRunner.Result verify = new ToolRunner(engines).runLocal("verify", link2);
    ToolRunner.Result list = new ToolRunner(engines).runLocal("list", "-b", chain.bucket);
    String existing = existingTable("chain-target");
    ToolRunner.Result restore = new ToolRunner(engines).runLocal("restore", link2, "-t", existing);

    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    assertThat(verify.out())
        .contains("md5 ok")
        .contains("a chain of 3 exports: the full export at " + T0)
        .contains("2 incremental links up to " + T2);
    assertThat(list.out())
        .contains("chain of " + chain.table + " from the full export s3://")
        .contains(T0 + " to " + T1 + "  13 changes")
        .contains(T1 + " to " + T2 + "  4 changes");
    assertThat(restore.exitCode()).as(restore.toString()).isZero();
    assertThat(restore.out()).contains("as of " + T2);
    try (DynamoDbClient dynalite = engines.dynamo()) {
      assertThat(TestItems.byKey(TestTables.scanAll(dynalite, existing)))
          .isEqualTo(chain.afterLink2);
    }
  }

  @Test
  void restoreToATime_stopsAtTheLinkThatCoversIt() throws Exception {
    Chain chain = chain("to-time");
    String link2 = "s3://" + chain.bucket + "/" + new ExportKey("", chain.table, T2).folder();
    String existing = existingTable("to-time-target");

    ToolRunner.Result restore =
        new ToolRunner(engines)
            .runLocal(
                "restore",
                link2,
                "-t",
                existing,
                "--to-time",
                T0.plus(Duration.ofHours(3)).toString());
    ToolRunner.Result tooEarly =
        new ToolRunner(engines)
            .runLocal(
                "restore",
                link2,
                "-t",
                existingTable("never"),
                "--to-time",
                T0.minusSeconds(1).toString());

    assertThat(restore.exitCode()).as(restore.toString()).isZero();
    assertThat(restore.out()).contains("as of " + T1);
    try (DynamoDbClient dynalite = engines.dynamo()) {
      assertThat(TestItems.byKey(TestTables.scanAll(dynalite, existing)))
          .isEqualTo(chain.afterLink1);
    }
    assertThat(tooEarly.exitCode()).isEqualTo(1);
    assertThat(tooEarly.err()).contains("is before the full export this chain starts from");
  }

  @Test
  void verify_failsNamingTheMissingLink_whenAChainIsBroken() throws Exception {
    Chain chain = chain("broken");
    String link1Manifest = new ExportKey("", chain.table, T1).manifestKey();
    s3.deleteObject(r -> r.bucket(chain.bucket).key(link1Manifest));

    ToolRunner.Result verify =
        new ToolRunner(engines)
            .runLocal(
                "verify",
                "s3://" + chain.bucket + "/" + new ExportKey("", chain.table, T2).folder());

    assertThat(verify.exitCode()).isEqualTo(1);
    assertThat(verify.err())
        .contains("the chain is broken")
        .contains("s3://" + chain.bucket + "/" + link1Manifest);
  }

  @Test
  void incremental_overMoreThanADay_asksAwsForLinksOfAtMostADay_eachContinuingTheLast() {
    String table = engines.uniqueTableName("split");
    ExportTables.create(moto, table, true);
    String bucket = engines.createMotoBucket();
    SettableClock clock = new SettableClock(T0);
    assertThat(incrementalOnMoto(table, bucket, clock, null).exitCode()).isZero();
    clock.set(T0.plus(Duration.ofHours(50)));
    RequestRecorder<ExportTableToPointInTimeRequest> requests =
        new RequestRecorder<>(ExportTableToPointInTimeRequest.class);

    ToolRunner.Result result = incrementalOnMoto(table, bucket, clock, requests);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().lines()).hasSize(3);
    List<ExportTableToPointInTimeRequest> sent = requests.requests();
    assertThat(sent).hasSize(3);
    Instant from = T0;
    for (ExportTableToPointInTimeRequest r : sent) {
      assertThat(r.exportType()).isEqualTo(ExportType.INCREMENTAL_EXPORT);
      assertThat(r.incrementalExportSpecification().exportViewType())
          .isEqualTo(ExportViewType.NEW_AND_OLD_IMAGES);
      assertThat(r.incrementalExportSpecification().exportFromTime()).isEqualTo(from);
      from = r.incrementalExportSpecification().exportToTime();
      assertThat(Duration.between(r.incrementalExportSpecification().exportFromTime(), from))
          .isLessThanOrEqualTo(Duration.ofHours(24));
    }
    assertThat(from).isEqualTo(T0.plus(Duration.ofHours(50)));

    clock.set(T0.plus(Duration.ofHours(50)).plusSeconds(300));
    ToolRunner.Result tooSoon = incrementalOnMoto(table, bucket, clock, null);
    assertThat(tooSoon.exitCode()).isEqualTo(1);
    assertThat(tooSoon.err()).contains("at least 15 minutes");
  }

  @Test
  void incremental_startsANewChainWithAFullExport_whenTheBaseIsOldOrGone() {
    String table = engines.uniqueTableName("new-chain");
    ExportTables.create(moto, table, true);
    String bucket = engines.createMotoBucket();
    SettableClock clock = new SettableClock(T0);
    RequestRecorder<ExportTableToPointInTimeRequest> requests =
        new RequestRecorder<>(ExportTableToPointInTimeRequest.class);
    Instant day2 = T0.plus(Duration.ofDays(2));
    Instant day3 = T0.plus(Duration.ofDays(3));
    Instant day11 = T0.plus(Duration.ofDays(11));

    assertThat(incrementalOnMoto(table, bucket, clock, requests).exitCode()).isZero();
    clock.set(day2);
    assertThat(incrementalOnMoto(table, bucket, clock, requests).exitCode()).isZero();
    try (S3Client motoS3 = engines.motoS3()) {
      motoS3.deleteObject(r -> r.bucket(bucket).key(new ExportKey("", table, T0).manifestKey()));
    }
    ToolRunner.Result baseGone;
    ToolRunner.Result weekOld;
    List<String> log;
    try (LogLines lines = new LogLines()) {
      clock.set(day3);
      baseGone = incrementalOnMoto(table, bucket, clock, requests);
      clock.set(day11);
      weekOld = incrementalOnMoto(table, bucket, clock, requests);
      log = lines.lines();
    }

    assertThat(baseGone.exitCode()).as(baseGone.toString()).isZero();
    assertThat(weekOld.exitCode()).as(weekOld.toString()).isZero();
    assertThat(log)
        .anySatisfy(l -> assertThat(l).contains("base of a new chain").contains("cannot be read"))
        .anySatisfy(l -> assertThat(l).contains("168 hours or more old (--full-every)"));
    assertThat(requests.requests())
        .extracting(ExportTableToPointInTimeRequest::exportType)
        .containsExactly(
            ExportType.FULL_EXPORT,
            ExportType.INCREMENTAL_EXPORT,
            ExportType.INCREMENTAL_EXPORT,
            ExportType.FULL_EXPORT,
            ExportType.FULL_EXPORT);
  }

  // ------------------------------------------------------------------ the chain

  /** A chain in S3Proxy made by three runs of the tool, and the table each link leaves. */
  private record Chain(
      String table,
      String bucket,
      Map<String, Map<String, AttributeValue>> afterLink1,
      Map<String, Map<String, AttributeValue>> afterLink2) {}

  private Chain chain(String hint) throws Exception {
    String table = engines.uniqueTableName(hint);
    ExportChainBuilder builder = new ExportChainBuilder(engines, table);
    String bucket = builder.bucket();
    List<Map<String, AttributeValue>> base = TestItems.everyType(31, 30);
    Map<String, Map<String, AttributeValue>> state = TestItems.byKey(base);
    // Link 1: five updates, five deletes, three inserts.
    List<Change> link1 = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      link1.add(update(state, base.get(i), "updated once"));
    }
    for (int i = 5; i < 10; i++) {
      link1.add(delete(state, base.get(i)));
    }
    for (int i = 0; i < 3; i++) {
      Map<String, AttributeValue> added = new LinkedHashMap<>(base.get(i));
      added.put("pk", AttributeValue.fromS("added-" + i));
      link1.add(insert(state, added));
    }
    Map<String, Map<String, AttributeValue>> afterLink1 = new TreeMap<>(state);
    // Link 2: an item updated again, one deleted, a deleted one back, an inserted one deleted.
    List<Change> link2 = new ArrayList<>();
    link2.add(update(state, state.get(TestItems.key(base.get(0))), "updated twice"));
    link2.add(delete(state, base.get(10)));
    link2.add(insert(state, base.get(5)));
    link2.add(delete(state, state.get("added-1/1")));

    ToolRunner.Result full = builder.base(T0, base);
    assertThat(full.out()).contains("exported 30 items of table " + table + " at " + T0);
    ToolRunner.Result first = builder.link(T0, T1, link1);
    assertThat(first.out())
        .contains("exported 13 changes of table " + table + " from " + T0 + " to " + T1);
    builder.link(T1, T2, link2);

    ExportManifest last = manifest(bucket, new ExportKey("", table, T2));
    assertThat(last.exportType()).isEqualTo("INCREMENTAL_EXPORT");
    assertThat(last.exportFromTime()).isEqualTo(T1);
    assertThat(last.base()).isEqualTo(new ExportKey("", table, T0).manifestKey());
    assertThat(last.previous()).isEqualTo(new ExportKey("", table, T1).manifestKey());
    assertThat(last.verified()).isTrue();
    assertThat(last.files())
        .singleElement()
        .satisfies(f -> assertThat(f.key()).contains("/AWSDynamoDB/data/"));
    return new Chain(table, bucket, afterLink1, state);
  }

  private ToolRunner.Result incrementalOnMoto(
      String table, String bucket, SettableClock clock, RequestRecorder<?> recorder) {
    ToolRunner runner = new ToolRunner(engines).clock(clock);
    if (recorder != null) {
      runner.intercept(recorder);
    }
    return runner.runOnMoto(
        "backup", "-t", table, "-b", bucket, "--engine", "export", "--incremental");
  }

  private ExportManifest manifest(String bucket, ExportKey key) throws Exception {
    return new ManifestJson().readExport(BackupFiles.get(s3, bucket, key.manifestKey()), "m");
  }

  private String existingTable(String hint) {
    String table = engines.uniqueTableName(hint);
    try (DynamoDbClient dynalite = engines.dynamo()) {
      TestTables.create(dynalite, table, "pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);
    }
    return table;
  }

  private static Change update(
      Map<String, Map<String, AttributeValue>> state, Map<String, AttributeValue> old, String s) {
    Map<String, AttributeValue> updated = new LinkedHashMap<>(old);
    updated.put("s", AttributeValue.fromS(s));
    state.put(TestItems.key(updated), new TreeMap<>(updated));
    return new Change(keys(old), updated, old);
  }

  private static Change insert(
      Map<String, Map<String, AttributeValue>> state, Map<String, AttributeValue> item) {
    state.put(TestItems.key(item), new TreeMap<>(item));
    return new Change(keys(item), item, null);
  }

  private static Change delete(
      Map<String, Map<String, AttributeValue>> state, Map<String, AttributeValue> old) {
    state.remove(TestItems.key(old));
    return new Change(keys(old), null, old);
  }

  private static Map<String, AttributeValue> keys(Map<String, AttributeValue> item) {
    Map<String, AttributeValue> keys = new LinkedHashMap<>();
    keys.put("pk", item.get("pk"));
    keys.put("sk", item.get("sk"));
    return keys;
  }
}
