package io.jenkins.plugins.mlops.core.metrics;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * What went wrong while reading a file, in words for the user: the parser's own description and the line and column,
 * without the parts meant for developers. Jackson appends {@code at [Source: REDACTED (...); line: 1, column: 5]}
 * to every message and SnakeYAML a multi-line excerpt with a caret; both are replaced by {@code at line 1, column 5}.
 */
public final class ReadErrors {

    private ReadErrors() {
    }

    /** One line describing {@code e}; the caller puts the file's name in front. */
    public static String describe(Throwable e) {
        if (e instanceof RuntimeJsonMappingException && e.getCause() != null) {
            return describe(e.getCause());
        }
        if (e instanceof JsonProcessingException j) {
            return j.getOriginalMessage() + at(j.getLocation());
        }
        if (e instanceof MarkedYAMLException y) {
            String problem = y.getProblem() != null ? y.getProblem() : y.getContext();
            Mark mark = y.getProblemMark() != null ? y.getProblemMark() : y.getContextMark();
            return problem + (mark == null ? "" : at(mark.getLine() + 1, mark.getColumn() + 1));
        }
        if (e instanceof NoSuchFileException) {
            return "does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return at(location.getLineNr(), location.getColumnNr());
    }

    private static String at(int line, int column) {
        return column > 0
                ? String.format(Locale.ROOT, " at line %d, column %d", line, column)
                : String.format(Locale.ROOT, " at line %d", line);
    }
}
