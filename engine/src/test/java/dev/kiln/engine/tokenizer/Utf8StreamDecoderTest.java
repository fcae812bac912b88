package dev.kiln.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8StreamDecoderTest {
    @Test
    void holdsBackACharacterSplitAcrossTokens() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8); // E2 82 AC
        Utf8StreamDecoder decoder = new Utf8StreamDecoder();
        assertEquals("a", decoder.accept(new byte[] {'a', euro[0]}));
        assertEquals("", decoder.accept(new byte[] {euro[1]}));
        assertEquals("€b", decoder.accept(new byte[] {euro[2], 'b'}));
        assertEquals("", decoder.flush());
    }

    @Test
    void fourByteCharactersToo() {
        byte[] emoji = "😀".getBytes(StandardCharsets.UTF_8);
        Utf8StreamDecoder decoder = new Utf8StreamDecoder();
        StringBuilder text = new StringBuilder();
        for (byte b : emoji) {
            text.append(decoder.accept(new byte[] {b}));
        }
        assertEquals("😀", text.toString());
    }

    @Test
    void flushReplacesAnUnfinishedCharacter() {
        Utf8StreamDecoder decoder = new Utf8StreamDecoder();
        assertEquals("", decoder.accept(new byte[] {(byte) 0xE2}));
        assertEquals("\uFFFD", decoder.flush());
    }
}
