package io.jenkins.plugins.mlops.core.report;

import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the sample pages for a look in a browser: {@code java ... ReportPagesWriter target/report-pages}. */
public final class ReportPagesWriter {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/report-pages");
        Path work = Files.createTempDirectory("mlops-report-samples");
        ReportPages.write(out, work).forEach((k, v) -> System.out.println(k + " " + v.toAbsolutePath()));
    }
}
