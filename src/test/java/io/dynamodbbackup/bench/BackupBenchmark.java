package io.dynamodbbackup.bench;

import io.dynamodbbackup.demo.JarProcess;
import io.dynamodbbackup.testing.LocalEngines;
import io.dynamodbbackup.testing.TestItems;
import io.dynamodbbackup.testing.TestTables;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Loads N items of every type into dynalite, then measures in one run: a raw parallel
 * BatchWriteItem load, a raw parallel Scan that discards the items, the tool's backup to S3Proxy,
 * and the tool's restore into a new table; the tool runs as its own JVM with -Xmx256m, and its peak
 * resident memory is read from /proc. Arguments: items (default 100000), segments (default 4).
 */
public final class BackupBenchmark {

  private static final Pattern BACKUP_SUMMARY =
      Pattern.compile("backed up (\\d+) items \\((\\d+) bytes\\).* in ([0-9.]+) s");
  private static final Pattern RESTORE_SUMMARY =
      Pattern.compile("restored (\\d+) items \\((\\d+) rejected\\).* in ([0-9.]+) s");
  private static final int PAGE_SIZE = 1000;

  private BackupBenchmark() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int segments = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    boolean small = args.length > 3 && args[3].equals("small");
    Path jar = Path.of(args.length > 0 ? args[0] : "target/dynamodb-backup.jar");
    try (LocalEngines engines = LocalEngines.start();
        DynamoDbClient dynamo = engines.dynamo();
        S3Client s3 = engines.s3()) {
      RawDynamo raw = new RawDynamo(dynamo);
      String table = "bench-source";
      TestTables.create(dynamo, table, "pk", ScalarAttributeType.S);
      List<Map<String, AttributeValue>> items =
          small ? TestItems.small(7, count) : TestItems.everyType(7, count);
      long t0 = System.nanoTime();
      raw.load(table, items, segments);
      double loadSeconds = seconds(t0);
      items = null; // the generated items are no longer needed; let the heap shrink

      raw.scan(table, segments, PAGE_SIZE, false); // warm dynalite and this JVM
      long t1 = System.nanoTime();
      long scanned = raw.scan(table, segments, PAGE_SIZE, false);
      double scanSeconds = seconds(t1);
      long t2 = System.nanoTime();
      raw.scan(table, segments, PAGE_SIZE, true);
      double scanCapacitySeconds = seconds(t2);
      double freshScanSeconds = freshJvmScan(engines, table, segments);

      s3.createBucket(r -> r.bucket("bench"));
      List<String> jvm = new java.util.ArrayList<>(List.of("-Xmx256m"));
      String extra = System.getenv("BENCH_TOOL_JVM_OPTS"); // e.g. a JFR recording
      if (extra != null && !extra.isBlank()) {
        jvm.addAll(List.of(extra.trim().split("\\s+")));
      }
      JarProcess tool = new JarProcess(jar, engines, jvm);
      JarProcess.Outcome backup =
          tool.run(
              List.of(
                  "-t",
                  table,
                  "-b",
                  "bench",
                  "--segments",
                  Integer.toString(segments),
                  "--page-size",
                  Integer.toString(PAGE_SIZE)));
      Matcher b = summary(backup, BACKUP_SUMMARY);
      long bytes = Long.parseLong(b.group(2));
      double backupSeconds = Double.parseDouble(b.group(3));

      JarProcess.Outcome local =
          tool.run(
              List.of(
                  "-t",
                  table,
                  "--output-dir",
                  "target/bench-local",
                  "--segments",
                  Integer.toString(segments),
                  "--page-size",
                  Integer.toString(PAGE_SIZE)));
      double localSeconds = Double.parseDouble(summary(local, BACKUP_SUMMARY).group(3));

      String key =
          s3.listObjectsV2(r -> r.bucket("bench")).contents().stream()
              .map(o -> o.key())
              .filter(k -> !k.endsWith(".manifest.json"))
              .findFirst()
              .orElseThrow();
      JarProcess.Outcome restore =
          tool.run(
              List.of(
                  "restore", "s3://bench/" + key, "--table", "bench-restored", "--create-table"));
      Matcher r = restore.exitCode() == 0 ? summary(restore, RESTORE_SUMMARY) : null;

      System.out.printf(
          Locale.ROOT,
          "%nitems: %,d   file: %.1f MB   segments: %d%n",
          scanned,
          bytes / 1e6,
          segments);
      row("raw parallel BatchWriteItem load", count, bytes, loadSeconds, 0);
      row("raw parallel Scan (items discarded)", scanned, bytes, scanSeconds, 0);
      row("  the same, with ReturnConsumedCapacity", scanned, bytes, scanCapacitySeconds, 0);
      row("  the same, in a fresh JVM like the tool's", scanned, bytes, freshScanSeconds, 0);
      row(
          "dynamodb-backup backup",
          Long.parseLong(b.group(1)),
          bytes,
          backupSeconds,
          backup.peakRssBytes());
      row(
          "dynamodb-backup backup to a local folder",
          scanned,
          bytes,
          localSeconds,
          local.peakRssBytes());
      if (r != null) {
        row(
            "dynamodb-backup restore",
            Long.parseLong(r.group(1)),
            bytes,
            Double.parseDouble(r.group(3)),
            restore.peakRssBytes());
        System.out.printf(
            Locale.ROOT,
            "restore / raw load: %.0f %%%n",
            100 * loadSeconds / Double.parseDouble(r.group(3)));
      } else {
        System.out.println("restore: exit " + restore.exitCode());
      }
      System.out.printf(
          Locale.ROOT,
          "backup / raw scan: %.0f %% (raw scan in a warm JVM), %.0f %% (in a fresh JVM)%n",
          100 * scanSeconds / backupSeconds,
          100 * freshScanSeconds / backupSeconds);
    }
  }

  /**
   * The raw scan again, in its own new JVM, so that it pays the same start-up and JIT compilation
   * as the tool's process does on these two cores.
   */
  private static double freshJvmScan(LocalEngines engines, String table, int segments)
      throws Exception {
    StringBuilder classpath = new StringBuilder();
    for (java.net.URL url :
        ((java.net.URLClassLoader) Thread.currentThread().getContextClassLoader()).getURLs()) {
      classpath.append(java.nio.file.Path.of(url.toURI())).append(java.io.File.pathSeparator);
    }
    Process p =
        new ProcessBuilder(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                classpath.toString(),
                RawScanAt.class.getName(),
                engines.dynamoEndpoint().toString(),
                table,
                Integer.toString(segments),
                "1")
            .redirectErrorStream(true)
            .start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("raw scan: \\d+ items in ([0-9.]+) s").matcher(out);
    if (p.waitFor() != 0 || !m.find()) {
      throw new IllegalStateException("the raw scan failed: " + out);
    }
    return Double.parseDouble(m.group(1));
  }

  private static Matcher summary(JarProcess.Outcome outcome, Pattern pattern) {
    Matcher m = pattern.matcher(outcome.stdout());
    if (outcome.exitCode() != 0 || !m.find()) {
      throw new IllegalStateException(
          "the tool failed (exit " + outcome.exitCode() + "): " + outcome.stdout());
    }
    return m;
  }

  private static void row(String what, long items, long bytes, double seconds, long peakRss) {
    System.out.printf(
        Locale.ROOT,
        "%-38s %8.1f s %,10.0f items/s %7.2f MB/s %s%n",
        what,
        seconds,
        items / seconds,
        bytes / 1e6 / seconds,
        peakRss > 0 ? String.format(Locale.ROOT, "peak RSS %.0f MB", peakRss / 1e6) : "");
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
