package dev.kiln.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StopStringsTest {
    @Test
    void holdsBackAPossibleStartAndCutsAtTheStop() {
        StopStrings stops = new StopStrings(List.of("</answer>"));
        assertEquals("The answer is 4", stops.accept("The answer is 4</"));
        assertEquals("", stops.accept("ans"));
        assertEquals("", stops.accept("wer> and more"));
        assertTrue(stops.stopped());
        assertEquals("", stops.flush());
    }

    @Test
    void releasesHeldTextWhenItTurnsOutNotToBeAStop() {
        StopStrings stops = new StopStrings(List.of("STOP"));
        assertEquals("a", stops.accept("aST"));
        assertEquals("STx", stops.accept("x"));
        assertEquals("S", stops.accept("S") + stops.flush());
    }

    @Test
    void theEarliestOfSeveralStopsWins() {
        StopStrings stops = new StopStrings(List.of("bb", "a"));
        assertEquals("x", stops.accept("xabb"));
    }
}
