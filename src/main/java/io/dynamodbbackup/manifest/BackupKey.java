package io.dynamodbbackup.manifest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a backup lives in a bucket: {@code [prefix/]<table>/<table>_<timestamp><extension>}, with
 * the timestamp as the original tool wrote it ({@code 2015-12-09T08:56:26+00:00}, UTC, seconds).
 * The manifest sits beside the data object with {@code .manifest.json} appended.
 */
public record BackupKey(
    String prefix, String table, Instant startedAt, String extension, int sequence) {

  public static final String MANIFEST_SUFFIX = ".manifest.json";

  /** The folder under a DynamoDB JSON backup's own folder that holds its data alone. */
  private static final String DATA_FOLDER = "data";

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);
  private static final Pattern NAME =
      Pattern.compile(
          "(?<table>[A-Za-z0-9_.-]{1,255})_(?<ts>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d)(?:-(?<seq>[1-9][0-9]{0,3}))?(?<ext>\\.(?:csv|json)(?:\\.gz|\\.zst)?)");

  public BackupKey {
    prefix = prefix == null ? "" : trimSlashes(prefix);
    requireNonBlank("table", table);
    if (startedAt == null) {
      throw new IllegalArgumentException("startedAt must be set");
    }
    if (extension == null || !extension.startsWith(".")) {
      throw new IllegalArgumentException("extension must start with '.', was '" + extension + "'");
    }
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be 1 or more, was " + sequence);
    }
  }

  /** The first backup of {@code table} started in that second. */
  public BackupKey(String prefix, String table, Instant startedAt, String extension) {
    this(prefix, table, startedAt, extension, 1);
  }

  /**
   * The key of the next backup started in the same second: the same name with {@code -2}, {@code
   * -3}... after the timestamp, so that no backup ever writes over another.
   */
  public BackupKey next() {
    return new BackupKey(prefix, table, startedAt, extension, sequence + 1);
  }

  /**
   * The data object's key: {@code <table>/<name><ext>} beside its manifest, or for DynamoDB JSON
   * {@code <table>/<name>/data/<name><ext>}, so that the prefix {@link #dataPrefix()} holds data
   * alone, as AWS's ImportTable wants.
   */
  public String dataKey() {
    String file = name() + extension;
    String key =
        holdsImportableData()
            ? table + "/" + name() + "/" + DATA_FOLDER + "/" + file
            : table + "/" + file;
    return prefix.isEmpty() ? key : prefix + "/" + key;
  }

  /** The manifest's key: beside the data object, or beside its data folder. */
  public String manifestKey() {
    return manifestKeyFor(dataKey());
  }

  /**
   * The prefix that holds this backup's data and nothing else, for AWS's ImportTable; null for the
   * csv layout, where the manifest sits beside the data.
   */
  public String dataPrefix() {
    if (!holdsImportableData()) {
      return null;
    }
    String key = table + "/" + name() + "/" + DATA_FOLDER + "/";
    return prefix.isEmpty() ? key : prefix + "/" + key;
  }

  /** The manifest's key for a data object's key, in either layout. */
  public static String manifestKeyFor(String dataKey) {
    int fileStart = dataKey.lastIndexOf('/') + 1;
    String file = dataKey.substring(fileStart);
    String dataFolderEnd = "/" + DATA_FOLDER + "/";
    if (dataKey.regionMatches(
        fileStart - dataFolderEnd.length(), dataFolderEnd, 0, dataFolderEnd.length())) {
      String backupFolder = dataKey.substring(0, fileStart - DATA_FOLDER.length() - 1);
      if (backupFolder.endsWith("/" + stem(file) + "/")) {
        return backupFolder + file + MANIFEST_SUFFIX;
      }
    }
    return dataKey + MANIFEST_SUFFIX;
  }

  /** The data object's key for a manifest's key, in either layout. */
  public static String dataKeyFor(String manifestKey) {
    String beside = manifestKey.substring(0, manifestKey.length() - MANIFEST_SUFFIX.length());
    int fileStart = beside.lastIndexOf('/') + 1;
    String file = beside.substring(fileStart);
    String folder = beside.substring(0, fileStart);
    return folder.endsWith("/" + stem(file) + "/") ? folder + DATA_FOLDER + "/" + file : beside;
  }

  private boolean holdsImportableData() {
    return extension.startsWith(".json");
  }

  private String name() {
    return table + "_" + TIMESTAMP.format(startedAt) + (sequence > 1 ? "-" + sequence : "");
  }

  /** A file name without its extensions: {@code t_2026-01-01T00:00:00+00:00-2}. */
  private static String stem(String file) {
    Matcher m = NAME.matcher(file);
    return m.matches() ? file.substring(0, m.start("ext")) : file;
  }

  /** The folder under which all backups of {@code table} live. */
  public static String tableFolder(String prefix, String table) {
    String p = prefix == null ? "" : trimSlashes(prefix);
    return p.isEmpty() ? table + "/" : p + "/" + table + "/";
  }

  /** Reads a data object's key back, if it has this layout. */
  public static Optional<BackupKey> parse(String key) {
    int slash = key.lastIndexOf('/');
    String name = key.substring(slash + 1);
    Matcher m = NAME.matcher(name);
    if (slash < 0 || !m.matches()) {
      return Optional.empty();
    }
    String folder = key.substring(0, slash);
    String stem = name.substring(0, m.start("ext"));
    if (folder.endsWith("/" + stem + "/" + DATA_FOLDER)) {
      folder = folder.substring(0, folder.length() - stem.length() - DATA_FOLDER.length() - 2);
    }
    String table = m.group("table");
    if (!folder.equals(table) && !folder.endsWith("/" + table)) {
      return Optional.empty();
    }
    String prefix =
        folder.length() == table.length()
            ? ""
            : folder.substring(0, folder.length() - table.length() - 1);
    try {
      Instant ts = Instant.from(TIMESTAMP.parse(m.group("ts")));
      int sequence = m.group("seq") == null ? 1 : Integer.parseInt(m.group("seq"));
      return Optional.of(new BackupKey(prefix, table, ts, m.group("ext"), sequence));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String trimSlashes(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '/') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '/') {
      end--;
    }
    return s.substring(start, end);
  }

  static void requireNonBlank(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank, was '" + value + "'");
    }
  }
}
