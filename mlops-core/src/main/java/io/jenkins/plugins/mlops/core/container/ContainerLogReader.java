package io.jenkins.plugins.mlops.core.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads a container's log back from the engine (the logs API, with timestamps) from a {@link LogCursor}, for a
 * reader that is not attached to the container: one that polls, or one that comes back after a restart. The engine
 * stamps each message when it receives it; the cursor keeps the second to ask from and how many messages of that
 * span were read, so the read neither repeats nor skips a message even when stdout and stderr messages were stored
 * slightly out of time order. A message stored more than a second out of order would be missed; the engine's two
 * copiers would have to be that far apart.
 */
public final class ContainerLogReader {

    /** A misbehaving engine must not hang a poll: the read of what is already stored ends long before this. */
    private static final long READ_SECONDS = 60;

    private ContainerLogReader() {
    }

    /**
     * The messages after {@code cursor}, at most {@code maxLines} of them.
     *
     * @throws ContainerException {@link ContainerFailure#CONTAINER_GONE} when the container does not exist, or
     *                            {@link ContainerFailure#ENGINE_ERROR} when the engine cannot give its log back (a
     *                            logging driver without read support and dual logging switched off)
     */
    public static LogChunk read(DockerClient docker, String containerId, LogCursor cursor, int maxLines)
            throws ContainerException, InterruptedException {
        LogContainerCmd cmd = docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true)
                .withTimestamps(true).withFollowStream(false);
        if (cursor.sinceSeconds() > 0) {
            cmd.withSince((int) Math.min(Integer.MAX_VALUE, cursor.sinceSeconds()));
        }
        Collector collector = new Collector(cursor.seen(), maxLines);
        try {
            cmd.exec(collector);
            if (!collector.awaitCompletion(READ_SECONDS, TimeUnit.SECONDS)) {
                collector.closeQuietly();
                throw new ContainerException(ContainerFailure.ENGINE_ERROR, "The Docker Engine did not return the log of"
                        + " container " + RunResources.shortId(containerId) + " within " + READ_SECONDS + " s");
            }
        } catch (NotFoundException e) {
            throw gone(containerId, e);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof NotFoundException) {
                throw gone(containerId, e);
            }
            if (!collector.full) {
                // Closing the stream at the line limit may end the read with an error; that one is no failure.
                throw new ContainerException(ContainerFailure.ENGINE_ERROR, "The Docker Engine could not return the log of"
                        + " container " + RunResources.shortId(containerId) + " (its logging driver must support"
                        + " reading, or Docker's dual logging be on): " + e.getMessage(), e);
            }
        }
        return collector.chunk(cursor);
    }

    /**
     * The last {@code lines} lines of one stream, for the message of a failed run.
     */
    public static List<String> tail(DockerClient docker, String containerId, LogSink.Stream stream, int lines)
            throws InterruptedException {
        List<String> out = java.util.Collections.synchronizedList(new ArrayList<>());
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                if (frame.getPayload() != null) {
                    out.add(text(frame.getPayload(), 0));
                }
            }
        };
        try {
            docker.logContainerCmd(containerId).withStdOut(stream == LogSink.Stream.STDOUT)
                    .withStdErr(stream == LogSink.Stream.STDERR).withTail(lines).exec(callback)
                    .awaitCompletion(READ_SECONDS, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            // Only decorates a failure message.
        }
        synchronized (out) {
            return new ArrayList<>(out);
        }
    }

    private static ContainerException gone(String containerId, Exception e) {
        return new ContainerException(ContainerFailure.CONTAINER_GONE, "Container " + RunResources.shortId(containerId)
                + " no longer exists on the Docker host (removed by hand, or the daemon's state was wiped)", e);
    }

    /** {@code payload} from {@code from} on as a line: UTF-8, without its line end. */
    private static String text(byte[] payload, int from) {
        int end = payload.length;
        if (end > from && payload[end - 1] == '\n') {
            end--;
        }
        if (end > from && payload[end - 1] == '\r') {
            end--;
        }
        return new String(payload, from, end - from, StandardCharsets.UTF_8);
    }

    /** Skips what was read before, keeps the rest up to the limit, and tracks the stamps for the next cursor. */
    private static final class Collector extends ResultCallback.Adapter<Frame> {
        private final int skip;
        private final int maxLines;
        private final List<String> lines = new ArrayList<>();
        private final List<Long> seconds = new ArrayList<>();
        private int index;
        private volatile boolean full;

        Collector(int skip, int maxLines) {
            this.skip = skip;
            this.maxLines = maxLines;
        }

        @Override
        public synchronized void onNext(Frame frame) {
            byte[] payload = frame.getPayload();
            if (full || payload == null) {
                return;
            }
            int space = 0;
            while (space < payload.length && payload[space] != ' ') {
                space++;
            }
            long second = second(new String(payload, 0, space, StandardCharsets.US_ASCII));
            int current = index++;
            seconds.add(second);
            if (current >= skip) {
                lines.add(text(payload, Math.min(payload.length, space + 1)));
                if (lines.size() >= maxLines) {
                    full = true;
                    closeQuietly();
                }
            }
        }

        synchronized LogChunk chunk(LogCursor from) {
            // Everything consumed so far is a prefix of what a read from the old second returns; the next read may
            // start up to a second before the newest stamp, counting what it will return again.
            long newest = from.sinceSeconds();
            for (long s : seconds) {
                newest = Math.max(newest, s);
            }
            long since = Math.max(from.sinceSeconds(), newest - 1);
            int seen = 0;
            for (long s : seconds) {
                if (s >= since) {
                    seen++;
                }
            }
            if (since == 0) {
                seen = seconds.size();
            }
            return new LogChunk(lines, new LogCursor(since, seen), full);
        }

        void closeQuietly() {
            try {
                close();
            } catch (java.io.IOException | RuntimeException e) {
                // Only releases a connection.
            }
        }

        private static long second(String stamp) {
            try {
                return Instant.parse(stamp).getEpochSecond();
            } catch (DateTimeParseException e) {
                return 0;
            }
        }
    }
}
