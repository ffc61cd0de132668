package io.jenkins.plugins.mlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real training run ({@code mlops train} as its own process, with the umask a user or an agent would have) whose
 * container asks for world-writable outputs — as the contract's own directories are inside the container — and a
 * setuid file. On the agent the outputs belong to the build's user and nobody else may write them.
 */
class OutputPermissionsIT {

    private static final String SCRIPT = String.join("\n",
            "set -e",
            "echo w > $MLOPS_MODEL_DIR/weights.bin && chmod 666 $MLOPS_MODEL_DIR/weights.bin",
            "echo '#!/bin/sh' > $MLOPS_MODEL_DIR/serve.sh && chmod 777 $MLOPS_MODEL_DIR/serve.sh",
            "echo k > $MLOPS_MODEL_DIR/secret.key && chmod 600 $MLOPS_MODEL_DIR/secret.key",
            "echo s > $MLOPS_MODEL_DIR/suid && chmod 4755 $MLOPS_MODEL_DIR/suid",
            "mkdir -m 777 $MLOPS_MODEL_DIR/tokenizer && echo t > $MLOPS_MODEL_DIR/tokenizer/vocab.txt",
            "echo '{\"rmse\": 0.5}' > $MLOPS_METRICS_FILE && chmod 666 $MLOPS_METRICS_FILE",
            "ls -la $MLOPS_OUTPUT_DIR $MLOPS_MODEL_DIR >&2",
            "");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "umask {0}")
    @CsvSource(delimiter = '|', value = {
        "022 | rwxr-xr-x | rw-r--r-- | rwxr-xr-x",
        "002 | rwxr-xr-x | rw-r--r-- | rwxr-xr-x",
        "077 | rwx------ | rw------- | rwx------"})
    void outputsBelongToTheBuildsUserAndNobodyElseMayWriteThem(String umask, String directory, String file,
            String executable) throws Exception {
        Files.writeString(dir.resolve("train.sh"), SCRIPT);
        Path out = dir.resolve("out");
        CliProcess cli = CliProcess.start(dir, umask, "train", "--image", "mlops-base:bookworm",
                "--data", "train.sh", "--command", "sh /mlops/data/train.sh", "--output", out.toString());
        assertThat(cli.waitFor(120)).as(cli.toString()).isZero();

        Map<String, String> expected = new TreeMap<>(Map.of(
                "", directory,
                "model", directory,
                "model/tokenizer", directory,
                "model/tokenizer/vocab.txt", file,
                "model/weights.bin", file,
                "model/serve.sh", executable,
                "model/secret.key", "rw-------",
                "model/suid", executable,
                "metrics.json", file,
                "run.json", file));
        expected.put(".mlops-run-id", file);
        assertThat(modes(out)).as(cli.toString()).isEqualTo(expected);
        String me = System.getProperty("user.name");
        try (Stream<Path> all = Files.walk(out)) {
            assertThat(all.filter(p -> !owner(p).equals(me))).as("files not owned by " + me).isEmpty();
        }
    }

    private static Map<String, String> modes(Path root) throws IOException {
        Map<String, String> modes = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                modes.put(root.relativize(p).toString().replace('\\', '/'),
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)));
            }
        }
        return modes;
    }

    private static String owner(Path p) {
        try {
            return Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
