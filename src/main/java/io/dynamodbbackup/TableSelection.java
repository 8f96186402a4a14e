package io.dynamodbbackup;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Which tables a run covers: names and shell-style patterns ({@code -t}), or every table, less the
 * exclusions, kept only where every given tag is set. One plain name and nothing else is the
 * original tool's one-table run, which needs no listing of tables.
 *
 * @param patterns table names and patterns, in the order given
 * @param allTables every table in the region
 * @param excludes names and patterns of tables to leave out
 * @param tags tags a table must carry, each with this value
 */
public record TableSelection(
    List<TableNamePattern> patterns,
    boolean allTables,
    List<TableNamePattern> excludes,
    Map<String, String> tags) {

  public TableSelection {
    patterns = List.copyOf(patterns);
    excludes = List.copyOf(excludes);
    tags = Map.copyOf(tags);
    if (!allTables && patterns.isEmpty() && tags.isEmpty()) {
      throw new IllegalArgumentException("no table selected: give a table, a pattern or a tag");
    }
    if (allTables && !patterns.isEmpty()) {
      throw new IllegalArgumentException(
          "all tables and the tables " + patterns + " were both asked for; give one or the other");
    }
  }

  /** Parses names, patterns and exclusions as written, naming any invalid one. */
  public static TableSelection of(
      List<String> patterns, boolean allTables, List<String> excludes, Map<String, String> tags) {
    return new TableSelection(
        patterns.stream().map(TableNamePattern::of).toList(),
        allTables,
        excludes.stream().map(TableNamePattern::of).toList(),
        tags == null ? Map.of() : tags);
  }

  /** The one table of a one-table run, or empty when the selection may cover several. */
  public Optional<String> singleTable() {
    if (patterns.size() == 1
        && patterns.get(0).isLiteral()
        && excludes.isEmpty()
        && tags.isEmpty()) {
      return Optional.of(patterns.get(0).toString());
    }
    return Optional.empty();
  }

  /**
   * The tables selected, each once, in the order the patterns name them (a pattern's matches in
   * listing order). A plain name is taken as given, so a missing table fails as in a one-table run;
   * the tables are listed only when a pattern, all tables or a tag asks for it.
   *
   * @param listTables every table name in the region
   * @param tagsOf the tags of one table
   */
  public List<String> resolve(
      Supplier<List<String>> listTables, Function<String, Map<String, String>> tagsOf) {
    boolean listed =
        allTables || patterns.isEmpty() || patterns.stream().anyMatch(p -> !p.isLiteral());
    List<String> all = listed ? listTables.get() : List.of();
    Set<String> chosen = new LinkedHashSet<>();
    if (allTables || patterns.isEmpty()) {
      chosen.addAll(all);
    }
    for (TableNamePattern p : patterns) {
      if (p.isLiteral()) {
        chosen.add(p.toString());
      } else {
        all.stream().filter(p::matches).forEach(chosen::add);
      }
    }
    chosen.removeIf(t -> excludes.stream().anyMatch(e -> e.matches(t)));
    if (!tags.isEmpty()) {
      chosen.removeIf(t -> !carriesTags(tagsOf.apply(t)));
    }
    return List.copyOf(chosen);
  }

  /** The selection as options, e.g. {@code -t 'orders-*' --exclude orders-tmp --tag app=shop}. */
  public String describe() {
    List<String> words = new ArrayList<>();
    if (allTables) {
      words.add("--all-tables");
    }
    patterns.forEach(p -> words.add("-t '" + p + "'"));
    excludes.forEach(e -> words.add("--exclude '" + e + "'"));
    new TreeMap<>(tags).forEach((k, v) -> words.add("--tag '" + k + "=" + v + "'"));
    return String.join(" ", words);
  }

  private boolean carriesTags(Map<String, String> tableTags) {
    return tags.entrySet().stream().allMatch(t -> t.getValue().equals(tableTags.get(t.getKey())));
  }
}
