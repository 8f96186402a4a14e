package io.dynamodbbackup.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamodbbackup.format.DynamodumpBinaries;
import io.dynamodbbackup.format.DynamodumpPage;
import io.dynamodbbackup.report.EventLog;
import io.dynamodbbackup.schema.DescribeTableJson;
import io.dynamodbbackup.schema.TableSchema;
import io.dynamodbbackup.store.ObjectSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A table's folder in a {@code dynamodump} dump: {@code <table>/schema.json} (the DescribeTable
 * answer) and {@code <table>/data/0001.json}, {@code 0002.json}, ... (one Scan page each). Reading
 * it takes one pass over the pages before the restore: it counts the items, checks that the pages
 * follow each other to the last (which alone has no LastEvaluatedKey), and looks at the binaries to
 * tell whether the dump bears the defect of dynamodump's restore ({@link DynamodumpBinaries}),
 * which the second pass then repairs.
 */
final class DynamodumpFolder {

  static final String SCHEMA = "schema.json";

  private final String folder;
  private final TableSchema schema;
  private final List<DataFile> files;
  private final long itemCount;
  private final List<String> problems;

  private DynamodumpFolder(
      String folder,
      TableSchema schema,
      List<DataFile> files,
      long itemCount,
      List<String> problems) {
    this.folder = folder;
    this.schema = schema;
    this.files = files;
    this.itemCount = itemCount;
    this.problems = problems;
  }

  /** Reads the dump folder at {@code key} (or its schema.json), or empty when it is not one. */
  static Optional<DynamodumpFolder> read(ObjectSource source, String key, EventLog log)
      throws IOException {
    String folder = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
    if (folder.equals(SCHEMA) || folder.endsWith("/" + SCHEMA)) {
      folder = folder.substring(0, Math.max(0, folder.length() - SCHEMA.length() - 1));
    }
    String schemaKey = ExportFolder.child(folder, SCHEMA);
    Optional<byte[]> schemaJson = source.readIfPresent(schemaKey);
    if (schemaJson.isEmpty()) {
      return Optional.empty();
    }
    TableSchema schema;
    try {
      schema = DescribeTableJson.parse(new ObjectMapper().readTree(schemaJson.get()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
      throw new IOException(
          source.uri(schemaKey) + ": not a dynamodump schema: " + e.getMessage(), e);
    }
    String dataPrefix = ExportFolder.child(folder, "data/");
    List<String> pages =
        source.list(dataPrefix).stream()
            .filter(k -> k.endsWith(".json") && k.indexOf('/', dataPrefix.length()) < 0)
            .sorted(Comparator.comparing(DynamodumpFolder::pageNumber))
            .toList();
    DynamodumpBinaries.Census census = new DynamodumpBinaries.Census();
    List<String> problems = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    long total = 0;
    for (int i = 0; i < pages.size(); i++) {
      String page = pages.get(i);
      String name = page.substring(dataPrefix.length());
      String expected = String.format(Locale.ROOT, "%04d.json", i + 1);
      if (!name.equals(expected)) {
        problems.add(source.uri(page) + " is where " + expected + " should be: pages are missing");
      }
      long items = 0;
      boolean more;
      try (InputStream in = source.open(page);
          DynamodumpPage reader = new DynamodumpPage(in, source.uri(page), false)) {
        Map<String, AttributeValue> item;
        while ((item = reader.next()) != null) {
          census.add(item);
          items++;
        }
        more = reader.hasLastEvaluatedKey();
      }
      boolean last = i == pages.size() - 1;
      if (last && more) {
        problems.add(
            source.uri(page)
                + ", the last page, has a LastEvaluatedKey: the dump stopped before the end of"
                + " the table (dynamodump --limit) or lost its later pages");
      } else if (!last && !more) {
        problems.add(
            source.uri(page)
                + " has no LastEvaluatedKey, so it should be the last page, but more follow");
      }
      counts.add(items);
      total += items;
    }
    DataFile.Layout layout = DataFile.Layout.DYNAMODUMP_PAGE;
    if (census.doubled()) {
      layout = DataFile.Layout.DYNAMODUMP_PAGE_REPAIRED;
      log.warn(
          source.uri(folder)
              + " bears dynamodump's restore defect ("
              + census.describe()
              + "): those binaries are decoded once more, as they were before that restore");
    } else if (census.partlyDoubled()) {
      log.warn(
          source.uri(folder)
              + ": "
              + census.describe()
              + "; only some look doubled by dynamodump's restore, so none is changed");
    }
    List<DataFile> files = new ArrayList<>();
    for (int i = 0; i < pages.size(); i++) {
      files.add(
          new DataFile(pages.get(i), null, counts.get(i), null, null, source.uri(folder), layout));
    }
    return Optional.of(
        new DynamodumpFolder(folder, schema, List.copyOf(files), total, List.copyOf(problems)));
  }

  String folder() {
    return folder;
  }

  TableSchema schema() {
    return schema;
  }

  List<DataFile> files() {
    return files;
  }

  long itemCount() {
    return itemCount;
  }

  /** What is wrong with the sequence of pages; empty for a whole dump. */
  List<String> problems() {
    return problems;
  }

  /** 0001.json is 1; a name that is not a number sorts last, by name. */
  private static long pageNumber(String key) {
    String name = key.substring(key.lastIndexOf('/') + 1, key.length() - ".json".length());
    try {
      return Long.parseLong(name);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }
}
