package io.dynamodbbackup.testing;

import io.dynamodbbackup.format.ItemJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DescribeExportResponse;
import software.amazon.awssdk.services.dynamodb.model.ExportStatus;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Writes export folders into a bucket exactly as AWS's Export to S3 documents them (developer
 * guide, "DynamoDB table export output format"): under {@code <export-prefix>/AWSDynamoDB/<id>/}
 * the {@code _started} marker, {@code manifest-summary.json}, {@code manifest-files.json} (JSON
 * Lines: itemCount, md5Checksum, etag, dataFileS3Key), their {@code .checksum} files, and gzip data
 * files: a full export's in its own {@code data/}, an incremental export's in the {@code
 * AWSDynamoDB/data/} folder its exports share. Each data file's ETag is the hex MD5 of its bytes,
 * as a single PUT gets.
 */
public final class AwsExportFixture {

  /**
   * The export id every fixture folder uses; {@link #pointDescribeExportAtFixtures} relies on it.
   */
  public static final String EXPORT_ID = "01764000000000-f1x7ure0";

  /** One record of an incremental export; {@code newImage} null is a delete. */
  public record Change(
      Map<String, AttributeValue> keys,
      Map<String, AttributeValue> newImage,
      Map<String, AttributeValue> oldImage) {}

  private final S3Client s3;
  private final String bucket;

  public AwsExportFixture(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  /**
   * A full export of {@code files} (each a list of items) under {@code exportPrefix}; returns the
   * folder {@code <exportPrefix>/AWSDynamoDB/<id>}.
   */
  public String full(
      String exportPrefix,
      String tableArn,
      Instant at,
      List<List<Map<String, AttributeValue>>> files) {
    String folder = exportPrefix + "/AWSDynamoDB/" + EXPORT_ID;
    StringBuilder manifest = new StringBuilder();
    long total = 0;
    for (int i = 0; i < files.size(); i++) {
      StringBuilder lines = new StringBuilder();
      for (Map<String, AttributeValue> item : files.get(i)) {
        lines.append("{\"Item\":").append(json(item)).append("}\n");
      }
      String key = folder + "/data/" + "full" + i + "abcdefghijklmnopqrstuv.json.gz";
      manifest.append(dataFile(key, lines.toString(), files.get(i).size()));
      total += files.get(i).size();
    }
    manifests(folder, tableArn, at, null, total, manifest.toString());
    return folder;
  }

  /**
   * An incremental export of the window [from, to) under {@code exportPrefix}, its records in one
   * data file of the shared data folder; returns the folder {@code
   * <exportPrefix>/AWSDynamoDB/<id>}.
   */
  public String incremental(
      String exportPrefix, String tableArn, Instant from, Instant to, List<Change> changes) {
    String folder = exportPrefix + "/AWSDynamoDB/" + EXPORT_ID;
    StringBuilder lines = new StringBuilder();
    long micros = from.toEpochMilli() * 1000;
    for (Change c : changes) {
      lines
          .append("{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"")
          .append(++micros)
          .append("\"}}");
      lines.append(",\"Keys\":").append(json(c.keys()));
      if (c.newImage() != null) {
        lines.append(",\"NewImage\":").append(json(c.newImage()));
      }
      if (c.oldImage() != null) {
        lines.append(",\"OldImage\":").append(json(c.oldImage()));
      }
      lines.append("}\n");
    }
    String key =
        exportPrefix + "/AWSDynamoDB/data/" + "incr" + to.getEpochSecond() + "zyxwvu.json.gz";
    manifests(
        folder,
        tableArn,
        to,
        from,
        changes.size(),
        dataFile(key, lines.toString(), changes.size()));
    return folder;
  }

  /**
   * Runs {@code backup -t table -b bucket --engine export more...} as AWS would answer it: moto's
   * DynamoDB starts the export, DescribeExport is pointed at the fixture of the export's prefix in
   * S3Proxy, where the tool reads the files and writes its manifest.
   */
  public static ToolRunner.Result export(
      ToolRunner runner, LocalEngines engines, String table, String bucket, String... more) {
    List<String> args =
        new ArrayList<>(List.of("backup", "-t", table, "-b", bucket, "--engine", "export"));
    args.addAll(List.of(more));
    return runner
        .intercept(pointDescribeExportAtFixtures())
        .runAt(engines.motoEndpoint(), engines.s3Endpoint(), args.toArray(String[]::new));
  }

  /**
   * Makes DescribeExport report the fixture's {@code manifest-summary.json} under the export's
   * prefix as its ExportManifest, as AWS does for its own folder; moto reports none.
   */
  public static ExecutionInterceptor pointDescribeExportAtFixtures() {
    return new ExecutionInterceptor() {
      @Override
      public SdkResponse modifyResponse(
          Context.ModifyResponse context, ExecutionAttributes attributes) {
        if (context.response() instanceof DescribeExportResponse r
            && r.exportDescription().exportStatus() == ExportStatus.COMPLETED) {
          String summary =
              r.exportDescription().s3Prefix()
                  + "/AWSDynamoDB/"
                  + EXPORT_ID
                  + "/manifest-summary.json";
          return r.toBuilder()
              .exportDescription(r.exportDescription().toBuilder().exportManifest(summary).build())
              .build();
        }
        return context.response();
      }
    };
  }

  private String dataFile(String key, String lines, long count) {
    byte[] gz = gzip(lines.getBytes(StandardCharsets.UTF_8));
    put(key, gz);
    return String.format(
        "{\"itemCount\":%d,\"md5Checksum\":\"%s\",\"etag\":\"%s\",\"dataFileS3Key\":\"%s\"}%n",
        count, Base64.getEncoder().encodeToString(md5(gz)), HexFormat.of().formatHex(md5(gz)), key);
  }

  private void manifests(
      String folder, String tableArn, Instant to, Instant from, long items, String files) {
    put(folder + "/_started", new byte[0]);
    String filesKey = folder + "/manifest-files.json";
    put(filesKey, files.getBytes(StandardCharsets.UTF_8));
    put(
        folder + "/manifest-files.checksum",
        HexFormat.of()
            .formatHex(md5(files.getBytes(StandardCharsets.UTF_8)))
            .getBytes(StandardCharsets.UTF_8));
    String times =
        from == null
            ? "\"exportTime\":\"" + to + "\""
            : "\"exportFromTime\":\""
                + from
                + "\",\"exportToTime\":\""
                + to
                + "\","
                + "\"exportType\":\"INCREMENTAL_EXPORT\",\"outputView\":\"NEW_AND_OLD_IMAGES\"";
    String summary =
        "{\"version\":\"2023-08-01\",\"exportArn\":\""
            + tableArn
            + "/export/"
            + EXPORT_ID
            + "\","
            + "\"startTime\":\""
            + to
            + "\",\"endTime\":\""
            + to.plusSeconds(300)
            + "\","
            + "\"tableArn\":\""
            + tableArn
            + "\",\"tableId\":\"12345a12-abcd-123a-ab12-1234abc12345\","
            + times
            + ",\"s3Bucket\":\""
            + bucket
            + "\",\"s3Prefix\":\""
            + folder.substring(0, folder.indexOf("/AWSDynamoDB/"))
            + "\","
            + "\"s3SseAlgorithm\":\"AES256\",\"s3SseKmsKeyId\":null,"
            + "\"manifestFilesS3Key\":\""
            + filesKey
            + "\",\"billedSizeBytes\":0,"
            + "\"itemCount\":"
            + items
            + ",\"outputFormat\":\"DYNAMODB_JSON\"}";
    put(folder + "/manifest-summary.json", summary.getBytes(StandardCharsets.UTF_8));
    put(
        folder + "/manifest-summary.checksum",
        HexFormat.of()
            .formatHex(md5(summary.getBytes(StandardCharsets.UTF_8)))
            .getBytes(StandardCharsets.UTF_8));
  }

  private void put(String key, byte[] bytes) {
    s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
  }

  private static String json(Map<String, AttributeValue> item) {
    return new String(ItemJson.toBytes(item), StandardCharsets.UTF_8);
  }

  public static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] md5(byte[] bytes) {
    try {
      return MessageDigest.getInstance("MD5").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
