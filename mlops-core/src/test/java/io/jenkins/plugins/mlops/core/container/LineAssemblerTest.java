package io.jenkins.plugins.mlops.core.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineAssemblerTest {

    private final List<String> lines = new ArrayList<>();
    private final LineAssembler assembler = new LineAssembler(lines::add);

    private void feed(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        assembler.accept(b, 0, b.length);
    }

    @Test
    void joinsPiecesSplitsBatchesAndKeepsEmptyLines() {
        feed("a");
        feed("b\nc\n\nd");
        assertThat(lines).containsExactly("ab", "c", "");
        assembler.flush();
        assertThat(lines).containsExactly("ab", "c", "", "d");
    }

    @Test
    void reusedBufferDoesNotChangeWhatWasReceived() {
        byte[] buffer = "xy".getBytes(StandardCharsets.UTF_8);
        assembler.accept(buffer, 0, 2);
        buffer[0] = 'Z';
        buffer[1] = '\n';
        assembler.accept(buffer, 1, 1);
        assertThat(lines).containsExactly("xy");
    }

    @Test
    void cutsEndlessLinesWithoutSplittingCharacters() {
        String euro = "\u20ac"; // three bytes in UTF-8
        feed(euro.repeat(LineAssembler.MAX_LINE_BYTES / 3 + 10));
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).matches("\u20ac+");
        assembler.flush();
        assertThat(String.join("", lines)).isEqualTo(euro.repeat(LineAssembler.MAX_LINE_BYTES / 3 + 10));
    }
}
