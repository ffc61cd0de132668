package io.jenkins.plugins.mlops.core.validate;

import java.util.ArrayList;
import java.util.List;

/**
 * The verdict for people, one line each: the summary, the baseline, one aligned row per rule (status, rule, value,
 * threshold, baseline, reason) and the notes. {@code mlops validate} prints it; the Pipeline step writes it to the
 * build log.
 */
public final class VerdictTable {

    private VerdictTable() {
    }

    public static List<String> lines(GateVerdict v) {
        List<String> out = new ArrayList<>();
        out.add(v.getSummary());
        out.add("baseline: " + (v.isBaselineAvailable() ? v.getBaselineDescription()
                : "none (" + v.getBaselineDescription() + ")"));
        if (v.getPairing() != null) {
            out.add("paired: the baseline's predictions on the same " + v.getPredictionCount() + " examples (matched by "
                    + v.getPairing() + ")");
        }
        out.add("");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"STATUS", "RULE", "VALUE", "THRESHOLD", "BASELINE", "REASON"});
        for (RuleResult r : v.getResults()) {
            rows.add(new String[] {r.getStatus().name(), r.getRule(), Numbers.format(r.getValue()),
                Numbers.format(r.getThreshold()), Numbers.format(r.getBaseline()), r.getReason()});
        }
        // The reason goes last and unpadded because it is the longest.
        int[] width = new int[5];
        for (String[] row : rows) {
            for (int c = 0; c < 5; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < 5; c++) {
                line.append(row[c]).append(" ".repeat(width[c] - row[c].length() + 2));
            }
            out.add(line.append(row[5]).toString());
        }
        if (!v.getNotes().isEmpty()) {
            out.add("");
            v.getNotes().forEach(n -> out.add("note: " + n));
        }
        return out;
    }
}
