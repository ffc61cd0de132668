package io.jenkins.plugins.mlops.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The "did you mean" of a misspelt name: names that differ only in case or by a prefix ({@code f1} for
 * {@code eval.f1}), else the one name within a few typing mistakes ({@code accurcy} for {@code accuracy}). A typing
 * mistake is one character inserted, deleted, replaced, or two neighbours swapped (optimal string alignment
 * distance); short names allow one, longer ones up to three. Nothing is suggested when two names are equally close:
 * a guess between two would mislead.
 */
public final class CloseNames {

    private CloseNames() {
    }

    /** The suggestions for {@code name} among {@code names}, in their order; empty when none is close. */
    public static List<String> to(String name, Collection<String> names) {
        List<String> same = new ArrayList<>();
        for (String k : names) {
            if (k.equalsIgnoreCase(name) || k.endsWith("." + name) || name.endsWith("." + k)) {
                same.add(k);
            }
        }
        if (!same.isEmpty()) {
            return same;
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        int allowed = wanted.length() <= 4 ? 1 : wanted.length() <= 8 ? 2 : 3;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        boolean tie = false;
        for (String k : names) {
            int d = distance(wanted, k.toLowerCase(Locale.ROOT), allowed);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
                tie = false;
            } else if (d == bestDistance) {
                tie = true;
            }
        }
        return best != null && bestDistance <= allowed && !tie ? List.of(best) : List.of();
    }

    /** {@code " (did you mean 'a' or 'b'?)"}, or {@code ""}. */
    public static String hint(String name, Collection<String> names) {
        List<String> close = to(name, names);
        if (close.isEmpty()) {
            return "";
        }
        List<String> quoted = new ArrayList<>();
        close.forEach(c -> quoted.add("'" + c + "'"));
        return " (did you mean " + String.join(" or ", quoted) + "?)";
    }

    /** Optimal string alignment distance, or {@code limit + 1} as soon as it must exceed {@code limit}. */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[] before = new int[b.length() + 1];
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int d = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d = Math.min(d, before[j - 2] + 1);
                }
                current[j] = d;
                rowMin = Math.min(rowMin, d);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] t = before;
            before = previous;
            previous = current;
            current = t;
        }
        return Math.min(previous[b.length()], limit + 1);
    }
}
