package io.dynamodbbackup;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A table name, or a shell-style pattern of table names: {@code *} any run of characters, {@code ?}
 * one character, {@code [abc]}, {@code [a-z]} and {@code [!a-z]} one of (or none of) a set. Table
 * names hold only {@code a-z A-Z 0-9 _ . -}, so any other character is refused, naming the pattern.
 * Matching is case-sensitive, as table names are.
 */
public final class TableNamePattern {

  private final String text;
  private final Pattern regex;

  private TableNamePattern(String text, Pattern regex) {
    this.text = text;
    this.regex = regex;
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the text and what is wrong with it
   */
  public static TableNamePattern of(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a table name or pattern must not be empty");
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else if (c == '[') {
        int close = text.indexOf(']', i + 1);
        if (close < 0) {
          throw invalid(text, "'[' at position " + (i + 1) + " has no closing ']'");
        }
        regex.append(characterClass(text, text.substring(i + 1, close)));
        i = close;
      } else if (nameCharacter(c)) {
        regex.append(c == '.' ? "\\." : String.valueOf(c));
      } else {
        throw invalid(text, "'" + c + "' is neither a table name character nor a wildcard");
      }
    }
    try {
      return new TableNamePattern(text, Pattern.compile(regex.toString()));
    } catch (PatternSyntaxException e) {
      throw invalid(text, e.getDescription());
    }
  }

  /** Whether this is a plain table name, without wildcards. */
  public boolean isLiteral() {
    return text.chars().allMatch(c -> nameCharacter((char) c));
  }

  public boolean matches(String tableName) {
    return regex.matcher(tableName).matches();
  }

  /** The pattern as written. */
  @Override
  public String toString() {
    return text;
  }

  private static String characterClass(String text, String content) {
    boolean negated = content.startsWith("!") || content.startsWith("^");
    String members = negated ? content.substring(1) : content;
    if (members.isEmpty()) {
      throw invalid(text, "'[" + content + "]' holds no character");
    }
    for (char c : members.toCharArray()) {
      if (!nameCharacter(c)) {
        throw invalid(text, "'" + c + "' in '[" + content + "]' is not a table name character");
      }
    }
    // Inside a class '.' and '_' are literal, and '-' between two characters is a range, as in a
    // shell; a '-' first or last is literal in both.
    return "[" + (negated ? "^" : "") + members + "]";
  }

  private static boolean nameCharacter(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '.'
        || c == '-';
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException(
        "'"
            + text
            + "' is not a table name or pattern: "
            + why
            + " (names hold a-z A-Z 0-9 _ . -; wildcards are * ? [...])");
  }
}
