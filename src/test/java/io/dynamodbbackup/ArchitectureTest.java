package io.dynamodbbackup;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The dependency rule of docs/ARCHITECTURE.md, checked on the compiled main classes: each package
 * imports only the packages listed for it here, so the tree cannot drift from the document.
 */
class ArchitectureTest {

  private static final String ROOT = "io.dynamodbbackup";

  /** Package (relative to the root; "" is the root) to the project packages it may import. */
  private static final Map<String, Set<String>> MAY_IMPORT =
      Map.ofEntries(
          // The edge: parses the command line and wires the jobs (and the DynamoDB client with
          // dynamo's interceptor that carries items as bytes).
          Map.entry(
              "cli",
              Set.of(
                  "", "backup", "restore", "verify", "list", "format", "store", "report", "retry",
                  "dynamo")),
          // The jobs: each combines the mechanisms, none knows another.
          Map.entry(
              "backup",
              Set.of(
                  "",
                  "dynamo",
                  "format",
                  "manifest",
                  "report",
                  "retry",
                  "schema",
                  "source",
                  "store")),
          Map.entry(
              "restore",
              Set.of(
                  "",
                  "concurrent",
                  "dynamo",
                  "format",
                  "manifest",
                  "report",
                  "retry",
                  "schema",
                  "source",
                  "store")),
          Map.entry(
              "verify",
              Set.of("", "dynamo", "format", "manifest", "report", "retry", "source", "store")),
          Map.entry("list", Set.of("", "manifest", "store")),
          // What every job shares: the context a job runs with, and reading any backup.
          Map.entry("", Set.of("dynamo", "report", "retry")),
          Map.entry("source", Set.of("", "format", "manifest", "report", "schema", "store")),
          // The mechanisms: each imports at most the few below it.
          Map.entry("retry", Set.of()),
          Map.entry("concurrent", Set.of()),
          Map.entry("format", Set.of()),
          Map.entry("report", Set.of()),
          Map.entry("store", Set.of("retry")),
          Map.entry("dynamo", Set.of("retry", "concurrent")),
          Map.entry("schema", Set.of("retry")),
          Map.entry("manifest", Set.of("schema")));

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  @TestFactory
  Stream<DynamicTest> eachPackage_importsOnlyThePackagesTheRuleAllows() {
    return MAY_IMPORT.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(
            rule ->
                DynamicTest.dynamicTest(
                    (rule.getKey().isEmpty() ? "(root)" : rule.getKey())
                        + " imports only "
                        + new TreeSet<>(rule.getValue()),
                    () -> forbidden(rule.getKey(), rule.getValue()).check(classes)));
  }

  @Test
  void everyPackage_hasARule() {
    Set<String> unruled = new TreeSet<>();
    classes.forEach(
        c -> {
          String relative = relative(c.getPackageName());
          if (!MAY_IMPORT.containsKey(relative)) {
            unruled.add(relative);
          }
        });
    assertThat(unruled).as("packages missing from the dependency rule").isEmpty();
  }

  private static ArchRule forbidden(String pkg, Set<String> allowed) {
    List<String> others =
        MAY_IMPORT.keySet().stream()
            .filter(p -> !p.equals(pkg) && !allowed.contains(p))
            .map(ArchitectureTest::absolute)
            .toList();
    return noClasses()
        .that()
        .resideInAPackage(absolute(pkg))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(others.toArray(String[]::new))
        .because("docs/ARCHITECTURE.md lets " + absolute(pkg) + " import only " + allowed);
  }

  private static String absolute(String relative) {
    return relative.isEmpty() ? ROOT : ROOT + "." + relative;
  }

  private static String relative(String pkg) {
    return pkg.equals(ROOT) ? "" : pkg.substring(ROOT.length() + 1);
  }
}
