package io.dynamodbbackup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which tables names, patterns, exclusions and tags select, against a fixed list of tables. */
class TableSelectionTest {

  private static final List<String> TABLES =
      List.of("carts", "orders-2024", "orders-2025", "orders.tmp", "users");

  private static final Map<String, Map<String, String>> TAGS =
      Map.of(
          "carts", Map.of("app", "shop", "env", "prod"),
          "orders-2024", Map.of("app", "shop", "env", "test"),
          "orders-2025", Map.of("app", "shop", "env", "prod"),
          "orders.tmp", Map.of(),
          "users", Map.of("app", "auth", "env", "prod"));

  private final List<String> calls = new ArrayList<>();

  private List<String> resolve(TableSelection selection) {
    return selection.resolve(
        () -> {
          calls.add("ListTables");
          return TABLES;
        },
        t -> {
          calls.add("tags " + t);
          return TAGS.getOrDefault(t, Map.of());
        });
  }

  private static TableSelection of(List<String> patterns, List<String> excludes) {
    return TableSelection.of(patterns, false, excludes, Map.of());
  }

  @Test
  void oneName_isTheOneTableRun_withoutListingTables() {
    TableSelection selection = of(List.of("users"), List.of());

    assertThat(selection.singleTable()).contains("users");
    assertThat(resolve(selection)).containsExactly("users");
    assertThat(calls).isEmpty();
  }

  @Test
  void names_areTakenAsGivenInTheirOrder_evenOneThatDoesNotExist() {
    assertThat(resolve(of(List.of("users", "missing", "carts", "users"), List.of())))
        .containsExactly("users", "missing", "carts");
    assertThat(calls).isEmpty();
  }

  @Test
  void patterns_matchListedNames_shellStyle() {
    assertThat(resolve(of(List.of("orders-*"), List.of())))
        .containsExactly("orders-2024", "orders-2025");
    assertThat(resolve(of(List.of("orders?20*"), List.of())))
        .containsExactly("orders-2024", "orders-2025");
    assertThat(resolve(of(List.of("orders-202[!4]", "[a-c]*"), List.of())))
        .containsExactly("orders-2025", "carts");
    assertThat(resolve(of(List.of("orders.*"), List.of()))).containsExactly("orders.tmp");
    assertThat(resolve(of(List.of("Users"), List.of()))).containsExactly("Users");
    assertThat(resolve(of(List.of("U*"), List.of()))).isEmpty();
  }

  @Test
  void excludes_leaveOutWhatTheyMatch_fromNamesAndPatterns() {
    assertThat(resolve(of(List.of("orders*", "users"), List.of("*.tmp", "users"))))
        .containsExactly("orders-2024", "orders-2025");
  }

  @Test
  void allTables_isEveryListedTable_lessExclusions() {
    TableSelection all = TableSelection.of(List.of(), true, List.of("orders-*"), Map.of());

    assertThat(all.singleTable()).isEmpty();
    assertThat(resolve(all)).containsExactly("carts", "orders.tmp", "users");
  }

  @Test
  void tags_alone_chooseAmongAllTables_everyTagMustMatch() {
    TableSelection tagged =
        TableSelection.of(List.of(), false, List.of(), Map.of("app", "shop", "env", "prod"));

    assertThat(resolve(tagged)).containsExactly("carts", "orders-2025");
  }

  @Test
  void tags_withPatterns_keepOnlyTheTaggedMatches_readingTagsOfThoseOnly() {
    TableSelection tagged =
        TableSelection.of(List.of("orders-*"), false, List.of(), Map.of("env", "prod"));

    assertThat(tagged.singleTable()).isEmpty();
    assertThat(resolve(tagged)).containsExactly("orders-2025");
    assertThat(calls).containsExactly("ListTables", "tags orders-2024", "tags orders-2025");
  }

  @Test
  void invalidPatterns_areRefusedNamingThePatternAndTheFault() {
    assertThatThrownBy(() -> of(List.of("orders/2024"), List.of()))
        .hasMessageContaining("'orders/2024' is not a table name or pattern")
        .hasMessageContaining("'/'");
    assertThatThrownBy(() -> of(List.of("orders-[0-9"), List.of()))
        .hasMessageContaining("no closing ']'");
    assertThatThrownBy(() -> of(List.of("t[z-a]"), List.of()))
        .hasMessageContaining("'t[z-a]' is not a table name or pattern");
    assertThatThrownBy(() -> of(List.of(""), List.of())).hasMessageContaining("must not be empty");
  }

  @Test
  void describe_namesTheSelectionAsOptions() {
    assertThat(
            TableSelection.of(
                    List.of("orders-*"), false, List.of("orders.tmp"), Map.of("app", "shop"))
                .describe())
        .isEqualTo("-t 'orders-*' --exclude 'orders.tmp' --tag 'app=shop'");
  }
}
