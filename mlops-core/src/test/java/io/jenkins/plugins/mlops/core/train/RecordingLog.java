package io.jenkins.plugins.mlops.core.train;

import io.jenkins.plugins.mlops.core.container.LogSink;
import java.util.ArrayList;
import java.util.List;

/** A LogSink that keeps everything, for assertions. */
final class RecordingLog implements LogSink {

    record Line(Stream stream, String text) {
    }

    private final List<Line> lines = new ArrayList<>();
    private final List<String> infos = new ArrayList<>();

    @Override
    public synchronized void line(Stream stream, String line) {
        lines.add(new Line(stream, line));
    }

    @Override
    public synchronized void info(String message) {
        infos.add(message);
    }

    synchronized List<Line> lines() {
        return List.copyOf(lines);
    }

    synchronized List<String> texts(Stream stream) {
        return lines.stream().filter(l -> l.stream() == stream).map(Line::text).toList();
    }

    synchronized List<String> infos() {
        return List.copyOf(infos);
    }

    @Override
    public synchronized String toString() {
        StringBuilder b = new StringBuilder();
        infos.forEach(i -> b.append("[info] ").append(i).append('\n'));
        lines.forEach(l -> b.append('[').append(l.stream()).append("] ").append(l.text()).append('\n'));
        return b.toString();
    }
}
