package io.dynamodbbackup.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamodbbackup.manifest.ExportKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Makes a chain of exports the way a user does, with {@code backup --engine export --incremental}
 * run once per link at the link's end: DescribeExport comes from moto, the exports' files are
 * {@link AwsExportFixture}s in S3Proxy laid out as AWS documents them, written first.
 */
public final class ExportChainBuilder {

  private final LocalEngines engines;
  private final String table;
  private final String bucket;
  private final String tableArn;
  private final AwsExportFixture fixture;

  /**
   * Creates {@code table} in moto with point-in-time recovery, and a bucket in S3Proxy and moto.
   */
  public ExportChainBuilder(LocalEngines engines, String table) {
    this.engines = engines;
    this.table = table;
    try (DynamoDbClient moto = engines.motoDynamo()) {
      ExportTables.create(moto, table, true);
      this.tableArn = moto.describeTable(r -> r.tableName(table)).table().tableArn();
    }
    this.bucket = engines.createBucket();
    try (S3Client motoS3 = engines.motoS3()) {
      motoS3.createBucket(b -> b.bucket(bucket));
    }
    this.fixture = new AwsExportFixture(engines.s3(), bucket);
  }

  public String bucket() {
    return bucket;
  }

  /** The full export at {@code at}, in two data files; the chain's base. */
  public ToolRunner.Result base(Instant at, List<Map<String, AttributeValue>> items) {
    int half = items.size() / 2;
    fixture.full(
        new ExportKey("", table, at).exportPrefix(),
        tableArn,
        at,
        List.of(items.subList(0, half), items.subList(half, items.size())));
    return run(at);
  }

  /** The link of the window [from, to) holding {@code changes}. */
  public ToolRunner.Result link(Instant from, Instant to, List<AwsExportFixture.Change> changes) {
    fixture.incremental(new ExportKey("", table, to).exportPrefix(), tableArn, from, to, changes);
    return run(to);
  }

  /** The s3:// URI of the export that holds the table at {@code at}. */
  public String uri(Instant at) {
    return "s3://" + bucket + "/" + new ExportKey("", table, at).folder();
  }

  private ToolRunner.Result run(Instant now) {
    ToolRunner.Result result =
        AwsExportFixture.export(
            new ToolRunner(engines).clock(new SettableClock(now)),
            engines,
            table,
            bucket,
            "--incremental");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    return result;
  }
}
