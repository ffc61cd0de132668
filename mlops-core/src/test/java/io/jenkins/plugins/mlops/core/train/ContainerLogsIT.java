package io.jenkins.plugins.mlops.core.train;

import static io.jenkins.plugins.mlops.core.train.DockerTestEngine.docker;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.core.container.LogSink;
import io.jenkins.plugins.mlops.core.train.RecordingLog.Line;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The container's output reaches the LogSink as whole lines, per stream, in order, as it is written. */
class ContainerLogsIT {

    @TempDir
    Path tempDir;

    @Test
    void linesWrittenInPiecesArriveWholeAndInOrderPerStream() throws Exception {
        DockerTestEngine.Scenario s = new DockerTestEngine.Scenario(tempDir);
        // Each piece is flushed on its own, with pauses, so the engine sends it as its own frame; the stderr line
        // interleaves with a stdout line under construction.
        String script = String.join("\n",
                "import sys, time",
                "def w(stream, text):",
                "    stream.write(text); stream.flush(); time.sleep(0.05)",
                "w(sys.stdout, 'epoch 1: ')",
                "w(sys.stdout, 'loss=0.5 ')",
                "w(sys.stderr, 'warn: slow')",
                "w(sys.stdout, 'acc=0.9\\nepoch 2: ')",
                "w(sys.stderr, 'disk\\n')",
                "w(sys.stdout, 'done\\n')",
                "w(sys.stdout, 'caf\\u00e9 ')",
                "sys.stdout.buffer.write('\\u00e9'.encode()[:1]); sys.stdout.flush(); time.sleep(0.05)",
                "sys.stdout.buffer.write('\\u00e9'.encode()[1:] + b'\\r\\n'); sys.stdout.flush()",
                "w(sys.stdout, 'no newline at the end')");
        new DockerTrainer(docker()).train(s.spec().command(List.of("python3", "-c", script)).build(), s.log);

        assertThat(s.log.texts(LogSink.Stream.STDOUT)).containsExactly(
                "epoch 1: loss=0.5 acc=0.9", "epoch 2: done", "café é", "no newline at the end");
        assertThat(s.log.texts(LogSink.Stream.STDERR)).containsExactly("warn: slowdisk");
        s.assertNothingLeft();
    }

    @Test
    void linesArriveWhileTheContainerRuns() throws Exception {
        DockerTestEngine.Scenario s = new DockerTestEngine.Scenario(tempDir);
        List<Long> arrivals = new ArrayList<>();
        LogSink timing = new LogSink() {
            @Override
            public void line(Stream stream, String line) {
                arrivals.add(System.nanoTime());
                s.log.line(stream, line);
            }

            @Override
            public void info(String message) {
                s.log.info(message);
            }
        };
        new DockerTrainer(docker()).train(s.spec()
                .command(List.of("sh", "-c", "echo first; sleep 1.5; echo second")).build(), timing);
        assertThat(s.log.lines()).containsExactly(
                new Line(LogSink.Stream.STDOUT, "first"), new Line(LogSink.Stream.STDOUT, "second"));
        assertThat((arrivals.get(1) - arrivals.get(0)) / 1e9).as("seconds between the lines").isGreaterThan(1.0);
        s.assertNothingLeft();
    }
}
