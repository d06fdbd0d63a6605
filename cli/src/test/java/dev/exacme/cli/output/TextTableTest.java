package dev.exacme.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Columns as wide as their widest cell, empty cells shown, the last column not padded. */
class TextTableTest {

    @Test
    void columnsFitTheirWidestCell() {
        var text = new TextTable("NAME", "NAMES", "DONE")
                .row("mail", "mail.contoso.com,autodiscover.contoso.com", "written")
                .row("a-much-longer-name", "", "refused")
                .render();
        assertEquals("""
                NAME                NAMES                                      DONE
                mail                mail.contoso.com,autodiscover.contoso.com  written
                a-much-longer-name  -                                          refused
                """, text);
    }

    @Test
    void aRowOfTheWrongLengthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TextTable("A", "B").row("only one"));
    }
}
