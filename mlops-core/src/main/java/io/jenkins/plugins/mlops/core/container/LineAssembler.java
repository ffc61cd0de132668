package io.jenkins.plugins.mlops.core.container;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Turns the payloads of one stream's frames into whole lines. A frame carries whatever the process wrote in one
 * go, so a line may span several frames and a frame may hold several lines; lines are decoded only once complete
 * so that a multi-byte character split across frames survives.
 */
final class LineAssembler {

    /** A process that never writes a newline must not grow the buffer forever; longer lines are cut here. */
    static final int MAX_LINE_BYTES = 64 * 1024;

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final Consumer<String> lines;

    LineAssembler(Consumer<String> lines) {
        this.lines = lines;
    }

    /** Consumes the bytes at once: the caller may reuse the array afterwards. */
    void accept(byte[] payload, int offset, int length) {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (payload[i] == '\n') {
                pending.write(payload, start, i - start);
                emit();
                start = i + 1;
            }
        }
        pending.write(payload, start, end - start);
        while (pending.size() >= MAX_LINE_BYTES) {
            cutLongLine();
        }
    }

    /** Emits the last line even when it has no newline (the process ended mid-line). */
    void flush() {
        if (pending.size() > 0) {
            emit();
        }
    }

    private void emit() {
        byte[] b = pending.toByteArray();
        pending.reset();
        int len = b.length;
        if (len > 0 && b[len - 1] == '\r') {
            len--;
        }
        lines.accept(new String(b, 0, len, StandardCharsets.UTF_8));
    }

    private void cutLongLine() {
        byte[] b = pending.toByteArray();
        int cut = MAX_LINE_BYTES;
        // Do not split a UTF-8 sequence: back up over continuation bytes (10xxxxxx) to the start of a character.
        while (cut > MAX_LINE_BYTES - 4 && (b[cut] & 0xC0) == 0x80) {
            cut--;
        }
        lines.accept(new String(b, 0, cut, StandardCharsets.UTF_8));
        pending.reset();
        pending.write(b, cut, b.length - cut);
    }
}
