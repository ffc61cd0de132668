package io.jenkins.plugins.mlops.core.container.job;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one rule for a container job's {@code command}, as Docker reads a Dockerfile's {@code CMD}: text is the shell
 * form, run by {@code /bin/sh -c} (quotes, {@code &&} and {@code $MLOPS_*} work as in a shell, like the {@code sh}
 * step), and a list is the exec form, run as it is without a shell (for images that have none, and for arguments
 * that must not be re-parsed). The step ({@code command: 'python3 -c "print(1+1)"'} or
 * {@code command: ['python3', 'src/main.py']}) and the CLI ({@code --command 'python3 -c "print(1+1)"'}, or the
 * words after {@code --}) both come here. An empty command is refused: leaving it out keeps the image's own CMD.
 */
public final class JobCommand {

    private JobCommand() {
    }

    /**
     * @param value text (shell form) or a list of texts (exec form); null for none
     * @return the command line to run, or null to keep the image's CMD
     */
    public static List<String> of(String argument, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof CharSequence text) {
            return shell(argument, text.toString());
        }
        if (value instanceof List<?> list) {
            return exec(argument, list);
        }
        throw new MlopsArgumentException(argument, "must be a string (run by /bin/sh -c) or a list of strings (run"
                + " as it is), got " + value.getClass().getSimpleName());
    }

    /** {@code /bin/sh -c <script>}. */
    public static List<String> shell(String argument, String script) {
        if (script == null || script.isBlank()) {
            throw new MlopsArgumentException(argument, "is empty; leave it out to use the image's CMD");
        }
        return new ArrayList<>(List.of("/bin/sh", "-c", script));
    }

    /** The words as they are: the first is the program. */
    public static List<String> exec(String argument, List<?> words) {
        if (words == null || words.isEmpty()) {
            throw new MlopsArgumentException(argument, "is an empty list; leave it out to use the image's CMD");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            Object w = words.get(i);
            if (!(w instanceof CharSequence)) {
                throw new MlopsArgumentException(argument, "element " + (i + 1) + " must be a string, got "
                        + (w == null ? "null" : w.getClass().getSimpleName()));
            }
            out.add(w.toString());
        }
        if (out.get(0).isBlank()) {
            throw new MlopsArgumentException(argument, "the first element, the program to run, is empty");
        }
        return out;
    }
}
