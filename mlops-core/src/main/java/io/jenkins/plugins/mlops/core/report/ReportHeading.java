package io.jenkins.plugins.mlops.core.report;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * What a report file says about where it comes from, taken from the environment the same way by {@code mlops
 * report} and by the steps (whose environment is the build's): the title from {@code JOB_NAME} and
 * {@code BUILD_NUMBER} (set in Jenkins and in most CI systems), a subtitle from {@code GIT_COMMIT}, and the time in
 * the footer — now, or {@code SOURCE_DATE_EPOCH} when it is set (the reproducible-builds convention: seconds since
 * 1970), so the same inputs give the same bytes.
 *
 * @param title        the page's title and heading
 * @param subtitle     the line under the heading, or null
 * @param writtenAtSec the footer's time in seconds since 1970 (UTC); null for the time of writing
 */
public record ReportHeading(String title, String subtitle, Long writtenAtSec) implements Serializable {

    /** The reproducible-builds variable: the footer's time instead of now. */
    public static final String SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH";
    /** The title when the environment names no build. */
    public static final String DEFAULT_TITLE = "ML report";

    private static final DateTimeFormatter FOOTER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    /**
     * @throws MlopsArgumentException naming {@value #SOURCE_DATE_EPOCH} when it is set but is not a whole number
     *                                of seconds
     */
    public static ReportHeading of(Map<String, String> env) {
        String job = env.get("JOB_NAME");
        String number = env.get("BUILD_NUMBER");
        String title = job != null && !job.isBlank() ? job + (number == null || number.isBlank() ? "" : " #" + number)
                : DEFAULT_TITLE;
        String commit = env.get("GIT_COMMIT");
        String subtitle = commit == null || commit.isBlank() ? null
                : "commit " + commit.substring(0, Math.min(12, commit.length()));
        return new ReportHeading(title, subtitle, sourceDateEpoch(env.get(SOURCE_DATE_EPOCH)));
    }

    private static Long sourceDateEpoch(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds >= 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new MlopsArgumentException(SOURCE_DATE_EPOCH, "must be a whole number of seconds since 1970-01-01 UTC"
                + " (the time a report's footer names), got '" + value + "'");
    }

    /** The same heading with another title; {@code title} null keeps this one's. */
    public ReportHeading titled(String newTitle) {
        return newTitle == null ? this : new ReportHeading(newTitle, subtitle, writtenAtSec);
    }

    /** The footer of a report file written now (or at {@code SOURCE_DATE_EPOCH}). */
    public String footer() {
        Instant at = writtenAtSec != null ? Instant.ofEpochSecond(writtenAtSec) : Instant.now();
        return "Written by MLOps Pipeline on " + FOOTER_TIME.format(at) + ". Keep " + ReportRenderer.STYLESHEET
                + " beside this file.";
    }
}
