package dev.kiln.shell.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TextTableTest {
    @Test
    void alignsColumnsToTheWidestCell() {
        String text = new TextTable("TYPE", "BUNDLE").row("q4_K", "dev.kiln.quant.k").row("iq2_xxs", "x").render();
        assertEquals("""
                TYPE     BUNDLE
                q4_K     dev.kiln.quant.k
                iq2_xxs  x
                """, text);
    }

    @Test
    void refusesRowsOfTheWrongWidth() {
        assertThrows(IllegalArgumentException.class, () -> new TextTable("A", "B").row("only one"));
    }
}
